package org.portico.web.page;

import java.util.List;

/**
 * What an import did — or, for a dry run, would do — page by page, in the order of the file. Pages the file does not
 * name are left as they are.
 */
public record PageImportReport(boolean dryRun, List<Entry> entries) {

    public enum Action {
        CREATED, UPDATED, UNCHANGED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public record Entry(String slug, Action action) {
    }

    public PageImportReport {
        entries = List.copyOf(entries);
    }
}
