package org.portico.web.view.admin;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * The lazy table behind an admin list with a search box: counts and pages come from a service, sorted by the column
 * the admin clicked (or a default), rows are serializable snapshots identified by a key. Shared by the user and app
 * lists so that both page, sort and search alike.
 */
public final class SearchTableModel<T> extends LazyDataModel<T> {

    private static final long serialVersionUID = 1L;

    /** How many rows match the current search. */
    public interface Count extends Serializable {
        long count();
    }

    /** One page of the current search, sorted. */
    public interface Page<T> extends Serializable {
        List<T> page(int first, int pageSize, String sortField, boolean ascending);
    }

    /** A row's key, and the row for a key. */
    public interface Keys<T> extends Serializable {
        String keyOf(T row);

        T rowFor(String key);
    }

    private final String defaultSort;
    private final Count count;
    private final Page<T> page;
    private final Keys<T> keys;

    public SearchTableModel(String defaultSort, Count count, Page<T> page, Keys<T> keys) {
        this.defaultSort = defaultSort;
        this.count = count;
        this.page = page;
        this.keys = keys;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return (int) count.count();
    }

    @Override
    public List<T> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        SortMeta sort = sortBy.values().stream().findFirst().orElse(null);
        String field = sort == null ? defaultSort : sort.getField();
        boolean ascending = sort == null || sort.getOrder() != SortOrder.DESCENDING;
        return page.page(first, pageSize, field, ascending);
    }

    @Override
    public String getRowKey(T row) {
        return keys.keyOf(row);
    }

    @Override
    public T getRowData(String rowKey) {
        return keys.rowFor(rowKey);
    }
}
