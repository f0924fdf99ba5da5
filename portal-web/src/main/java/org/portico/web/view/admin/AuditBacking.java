package org.portico.web.view.admin;

import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.omnifaces.util.Faces;
import org.portico.web.audit.AuditAction;
import org.portico.web.audit.AuditFilter;
import org.portico.web.audit.AuditLog;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * The site admin's audit log: newest first, filtered by action, actor, text in the target and a range of UTC days,
 * paged, and exported as CSV for the same filter (streamed by {@code /api/admin/audit.csv}).
 */
@Named
@ViewScoped
public class AuditBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    AuditLog audit;

    private String action;
    private String actor;
    private String target;
    private LocalDate fromDay;
    private LocalDate toDay;
    private LazyDataModel<AuditRow> model;

    @PostConstruct
    void init() {
        model = new AuditTableModel();
    }

    private final class AuditTableModel extends LazyDataModel<AuditRow> {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) Math.min(Integer.MAX_VALUE, audit.count(filter()));
        }

        @Override
        public List<AuditRow> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            return audit.search(filter(), first, pageSize).stream().map(AuditRow::of).toList();
        }

        @Override
        public String getRowKey(AuditRow row) {
            return String.valueOf(row.id());
        }

        @Override
        public AuditRow getRowData(String rowKey) {
            return getWrappedData() == null ? null : getWrappedData().stream()
                    .filter(row -> String.valueOf(row.id()).equals(rowKey)).findFirst().orElse(null);
        }
    }

    AuditFilter filter() {
        AuditAction chosen = action == null || action.isBlank() ? null
                : java.util.Arrays.stream(AuditAction.values()).filter(a -> a.name().equals(action)).findFirst().orElse(null);
        return AuditFilter.forDays(chosen, actor, target, fromDay, toDay);
    }

    /** Clears every filter. */
    public void clear() {
        action = actor = target = null;
        fromDay = toDay = null;
    }

    /** The CSV export of the current filter, as a link for the browser. */
    public String getCsvUrl() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("action", action);
        parameters.put("actor", actor);
        parameters.put("target", target);
        parameters.put("from", fromDay == null ? null : fromDay.toString());
        parameters.put("to", toDay == null ? null : toDay.toString());
        String query = parameters.entrySet().stream()
                .filter(p -> p.getValue() != null && !p.getValue().isBlank())
                .map(p -> p.getKey() + "=" + URLEncoder.encode(p.getValue().strip(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String path = Faces.getRequestContextPath() + "/api/admin/audit.csv";
        return query.isEmpty() ? path : path + "?" + query;
    }

    public AuditAction[] getAllActions() {
        return AuditAction.values();
    }

    public LazyDataModel<AuditRow> getModel() { return model; }
    public String getAction() { return action; }
    public void setAction(String action) { this.action = action; }
    public String getActor() { return actor; }
    public void setActor(String actor) { this.actor = actor; }
    public String getTarget() { return target; }
    public void setTarget(String target) { this.target = target; }
    public LocalDate getFromDay() { return fromDay; }
    public void setFromDay(LocalDate fromDay) { this.fromDay = fromDay; }
    public LocalDate getToDay() { return toDay; }
    public void setToDay(LocalDate toDay) { this.toDay = toDay; }
}
