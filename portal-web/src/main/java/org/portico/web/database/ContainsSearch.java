package org.portico.web.database;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.persistence.TypedQuery;

/**
 * The admin lists' search box as JPQL: "any of these fields contains what was typed", case-insensitive, with
 * {@code %}, {@code _} and {@code \} taken literally. A blank query matches everything.
 */
public record ContainsSearch(String query) {

    private static final String PARAMETER = "q";

    public boolean isBlank() {
        return query == null || query.isBlank();
    }

    /** {@code " where lower(a.x) like :q escape '\' or …"} for the given paths, or nothing for a blank query. */
    public String where(String... paths) {
        return isBlank() ? "" : Arrays.stream(paths)
                .map(path -> "lower(" + path + ") like :" + PARAMETER + " escape '\\'")
                .collect(Collectors.joining(" or ", " where ", ""));
    }

    /** Binds the escaped pattern to a query built with {@link #where(String...)}. */
    public <T> TypedQuery<T> bind(TypedQuery<T> typed) {
        if (!isBlank()) {
            String escaped = query.strip().toLowerCase(Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            typed.setParameter(PARAMETER, "%" + escaped + "%");
        }
        return typed;
    }
}
