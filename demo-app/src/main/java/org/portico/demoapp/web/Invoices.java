package org.portico.demoapp.web;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.portico.demoapp.verify.AccessToken;

/**
 * The demo app's invoices: fixed sample data, the same for every user, newest first. Their ids are whole numbers, as
 * Portico's demo route {@code invoice} ({@code /link/invoice/{id}}, parameter type INT) takes them, so each item of a
 * data tile links into the app. Immutable.
 */
final class Invoices {

    /** One invoice. */
    record Invoice(String id, String customer, BigDecimal amount, String currency, Instant issued, String status) {

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", id);
            json.put("customer", customer);
            json.put("amount", money(amount) + " " + currency);
            json.put("issued", issued.toString());
            json.put("status", status);
            return json;
        }
    }

    /** Newest first. */
    static final List<Invoice> ALL = List.of(
            invoice("42", "Acme GmbH", "1250.00", "2026-11-30T10:15:00Z", "open"),
            invoice("41", "Globex Corporation", "89.90", "2026-11-27T16:40:00Z", "open"),
            invoice("39", "Initech AG", "4300.00", "2026-11-21T08:05:00Z", "overdue"),
            invoice("37", "Umbrella Logistics", "612.50", "2026-11-14T13:30:00Z", "paid"),
            invoice("35", "Stark Industries", "15000.00", "2026-11-06T09:00:00Z", "paid"),
            invoice("31", "Wayne Enterprises", "2780.40", "2026-10-29T11:20:00Z", "paid"),
            invoice("28", "Acme GmbH", "340.00", "2026-10-17T15:45:00Z", "paid"),
            invoice("23", "Hooli Europe B.V.", "7125.00", "2026-10-02T10:10:00Z", "cancelled"),
            invoice("19", "Soylent Foods", "58.25", "2026-09-18T12:00:00Z", "paid"),
            invoice("17", "Tyrell Systems", "999.99", "2026-09-03T07:35:00Z", "paid"))
            .stream().sorted(Comparator.comparing(Invoice::issued).reversed()).toList();

    private Invoices() {
    }

    /** {@code GET /api/invoices}: {@code {"user": sub, "items": [...]}}. */
    static Map<String, Object> of(AccessToken token) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("user", token.subject());
        json.put("items", ALL.stream().map(Invoice::toJson).toList());
        return json;
    }

    /** {@code 1,250.00}: English grouping, two decimals. */
    static String money(BigDecimal amount) {
        return new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ENGLISH)).format(amount);
    }

    private static Invoice invoice(String id, String customer, String amount, String issued, String status) {
        return new Invoice(id, customer, new BigDecimal(amount), "EUR", Instant.parse(issued), status);
    }
}
