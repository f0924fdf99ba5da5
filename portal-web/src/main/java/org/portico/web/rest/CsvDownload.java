package org.portico.web.rest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * The CSV exports' shared parts: a download that is written while the rows are read (so a long export needs no more
 * memory than a short one), and the UTC-day query parameters they filter by.
 */
final class CsvDownload {

    static final String TEXT_CSV = "text/csv; charset=UTF-8";

    /** Writes one CSV line. */
    @FunctionalInterface
    interface RowWriter<T> {
        void write(Writer out, T row) throws IOException;
    }

    /** Writes the header line. */
    @FunctionalInterface
    interface HeaderWriter {
        void write(Writer out) throws IOException;
    }

    private CsvDownload() {
    }

    /**
     * A {@code 200 text/csv} attachment: the header, then every row that {@code rows} hands to its sink, written as
     * it comes. Not cached ({@code no-store}): exports can hold personal data.
     */
    static <T> Response stream(String filename, HeaderWriter header, Consumer<Consumer<T>> rows, RowWriter<T> row) {
        StreamingOutput body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            header.write(writer);
            try {
                rows.accept(item -> {
                    try {
                        row.write(writer, item);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause(); // the client went away
            }
            writer.flush();
        };
        return Response.ok(body, TEXT_CSV)
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    /** An optional UTC day parameter such as {@code from=2025-01-31}: null when absent, a 400 problem when malformed. */
    static LocalDate day(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        LocalDate day;
        try {
            day = LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ApiProblemException(400, "'" + parameter + "' must be a date like 2025-01-31.");
        }
        // ISO allows years up to ±999999999; day arithmetic on those overflows. No Portico data lies outside these.
        if (day.getYear() < 1970 || day.getYear() > 9999) {
            throw new ApiProblemException(400, "'" + parameter + "' must be a date between 1970-01-01 and 9999-12-31.");
        }
        return day;
    }
}
