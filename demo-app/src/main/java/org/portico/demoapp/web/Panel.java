package org.portico.demoapp.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.portico.demoapp.verify.LinkToken;

/**
 * The verification panel: a headline, a sentence and rows of label and values, built once from an {@link Outcome} and
 * rendered either as HTML (a token in the query, checked during the GET) or as JSON that the page's script renders
 * the same way (a token in the fragment, posted to {@code /api/verify}). Every text here is escaped when rendered.
 *
 * @param state   {@code none}, {@code verified}, {@code refused} or {@code unavailable}: the panel's colour
 * @param reason  the refusal's code, e.g. {@code wrong_type}; null unless refused
 */
record Panel(String state, String reason, String title, String message, List<Row> rows) {

    /** Times for people: UTC, to the second. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final String NOT_SHARED = "not shared with this app";

    /**
     * One line of the panel.
     *
     * @param field  stable name for scripts and tests, e.g. {@code sub}
     * @param values one or more texts; several are shown as a list
     * @param muted  the value says something is absent
     */
    record Row(String field, String label, List<String> values, boolean muted) {
        Row {
            values = List.copyOf(values);
        }

        static Row of(String field, String label, String value) {
            return new Row(field, label, List.of(value), false);
        }

        static Row optional(String field, String label, Optional<String> value) {
            return value.map(v -> of(field, label, v)).orElseGet(() -> new Row(field, label, List.of(NOT_SHARED), true));
        }
    }

    Panel {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(message, "message");
        rows = List.copyOf(rows);
    }

    static Panel of(Outcome outcome, Clock clock) {
        if (outcome instanceof Outcome.Verified verified) {
            return verified(verified.token(), clock.instant());
        }
        if (outcome instanceof Outcome.Refused refused) {
            return refused(refused);
        }
        if (outcome instanceof Outcome.Unavailable unavailable) {
            return new Panel("unavailable", null, "Cannot check the token now", unavailable.message(), List.of());
        }
        return new Panel("none", null, "No Portico token", "Open this app through a Portico link: Portico adds a signed"
                + " token that says who you are and where the link leads.", List.of());
    }

    private static Panel refused(Outcome.Refused refused) {
        List<Row> rows = new ArrayList<>();
        rows.add(Row.of("reason", "Reason", refused.reason().label()));
        Outcome.SentHeader header = refused.header();
        if (header.type() != null) {
            rows.add(Row.of("typ", "Type (typ, unverified)", header.type()));
        }
        if (header.algorithm() != null) {
            rows.add(Row.of("alg", "Algorithm (alg, unverified)", header.algorithm()));
        }
        if (header.keyId() != null) {
            rows.add(Row.of("kid", "Key id (kid, unverified)", header.keyId()));
        }
        return new Panel("refused", refused.reason().code(), "Refused: " + refused.reason().label(), refused.message(), rows);
    }

    private static Panel verified(LinkToken token, Instant now) {
        List<String> params = new ArrayList<>();
        token.params().forEach((name, value) -> params.add(name + " = " + value));
        List<Row> rows = List.of(
                Row.of("sub", "User (sub)", token.subject()),
                Row.optional("name", "Name", token.name()),
                Row.optional("email", "Email", token.email()),
                token.roles().isEmpty() ? new Row("roles", "Roles", List.of(NOT_SHARED), true)
                        : new Row("roles", "Roles", token.roles(), false),
                Row.of("route", "Route", token.route()),
                params.isEmpty() ? new Row("params", "Parameters", List.of("none"), true)
                        : new Row("params", "Parameters", params, false),
                Row.of("jti", "Token id (jti)", token.jwtId()),
                Row.of("iat", "Issued (iat)", time(token.issuedAt(), now)),
                Row.of("exp", "Expires (exp)", time(token.expiresAt(), now)),
                Row.of("kid", "Signing key (kid)", token.keyId() + " (" + token.algorithm() + ")"),
                Row.of("iss", "Issuer (iss)", token.issuer()),
                new Row("aud", "Audience (aud)", token.audience(), false));
        return new Panel("verified", null, "Verified: signed by Portico",
                "The signature checked out against Portico's published keys, and the token is for this app and current.",
                rows);
    }

    /** {@code 2025-12-01 13:12:05 UTC (4 min 50 s from now)}. */
    static String time(Instant instant, Instant now) {
        Duration distance = Duration.between(now, instant);
        String relative;
        if (distance.abs().toSeconds() < 1) {
            relative = "now";
        } else {
            Duration abs = distance.abs();
            String amount = abs.toMinutes() > 0 ? abs.toMinutes() + " min " + abs.toSecondsPart() + " s" : abs.toSeconds() + " s";
            relative = distance.isNegative() ? amount + " ago" : amount + " from now";
        }
        return TIME.format(instant) + " (" + relative + ")";
    }

    /** The panel as the {@code <section id="verification">} of the page. */
    String toHtml() {
        StringBuilder html = new StringBuilder(1024);
        html.append("<section id=\"verification\" class=\"panel panel--").append(Html.escape(state))
                .append("\" data-state=\"").append(Html.escape(state)).append('"');
        if (reason != null) {
            html.append(" data-reason=\"").append(Html.escape(reason)).append('"');
        }
        html.append(" aria-live=\"polite\">\n<h2 class=\"panel__title\">").append(Html.escape(title))
                .append("</h2>\n<p class=\"panel__message\">").append(Html.escape(message)).append("</p>\n");
        if (!rows.isEmpty()) {
            html.append("<dl class=\"panel__rows\">\n");
            for (Row row : rows) {
                html.append("<div class=\"panel__row\" data-field=\"").append(Html.escape(row.field())).append("\"><dt>")
                        .append(Html.escape(row.label())).append("</dt><dd").append(row.muted() ? " class=\"muted\"" : "")
                        .append('>');
                if (row.values().size() == 1) {
                    html.append(Html.escape(row.values().get(0)));
                } else {
                    html.append("<ul>");
                    row.values().forEach(value -> html.append("<li>").append(Html.escape(value)).append("</li>"));
                    html.append("</ul>");
                }
                html.append("</dd></div>\n");
            }
            html.append("</dl>\n");
        }
        return html.append("</section>").toString();
    }

    /** The panel as JSON for the page's script, which renders it exactly like {@link #toHtml()}. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("state", state);
        if (reason != null) {
            json.put("reason", reason);
        }
        json.put("title", title);
        json.put("message", message);
        List<Object> rowList = new ArrayList<>();
        for (Row row : rows) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("field", row.field());
            item.put("label", row.label());
            item.put("values", row.values());
            item.put("muted", row.muted());
            rowList.add(item);
        }
        json.put("rows", rowList);
        return json;
    }
}
