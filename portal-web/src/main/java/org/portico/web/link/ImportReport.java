package org.portico.web.link;

import java.util.List;

/**
 * What an import did — or, for a dry run, would do — route by route, in the order of the file. Routes of the
 * database that the file does not name are left as they are and are not listed.
 *
 * @param dryRun  whether nothing was written
 * @param entries one per route of the file
 */
public record ImportReport(boolean dryRun, List<Entry> entries) {

    /** What happens to one route of the file. */
    public enum Action {
        /** No route had the name: it is created. */
        CREATED,
        /** A route with the name is replaced by the file's version. */
        UPDATED,
        /** A route with the name is exactly as in the file. */
        UNCHANGED;

        /** The lower-case name used in JSON, e.g. {@code created}. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One route of the file and what happens to it. */
    public record Entry(String name, Action action) {
    }

    public ImportReport {
        entries = List.copyOf(entries);
    }

    /** How many routes get this action. */
    public long count(Action action) {
        return entries.stream().filter(entry -> entry.action() == action).count();
    }

    /** The routes with this action, e.g. for "created: invoice, ticket". */
    public List<String> names(Action action) {
        return entries.stream().filter(entry -> entry.action() == action).map(Entry::name).toList();
    }
}
