package org.portico.web.view.admin.cdn;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;
import org.portico.cdn.purge.PurgeTarget;
import org.portico.web.cdn.CdnRejectedException;
import org.portico.web.cdn.CdnTarget;
import org.portico.web.cdn.CdnTargetChange;
import org.portico.web.cdn.CdnTargetService;
import org.portico.web.cdn.CdnTargetTester;
import org.portico.web.cdn.ConnectionTest;
import org.portico.web.cdn.PurgeQueue;
import org.portico.web.cdn.PurgeState;
import org.portico.web.cdn.QueuedPurge;
import org.portico.web.i18n.Dates;
import org.portico.web.i18n.Texts;
import org.portico.web.security.CurrentUser;
import org.portico.web.view.admin.FormMessages;

/**
 * The site admin's CDN page ({@code /admin/cdn.xhtml}): the purge targets (add and edit in one dialog built from the
 * kind's descriptor, "Test connection", enable/disable, delete after a confirmation) and the purge queue (by state,
 * newest first, with progress, the last error and the next attempt; "Retry now"; a manual purge of tags and URLs).
 * What the services refuse appears next to the input it concerns ({@link FormMessages}).
 */
@Named
@ViewScoped
public class CdnBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Rows of the queue the page shows (the newest; the REST API pages through all). */
    static final int QUEUE_ROWS = 100;

    @Inject
    CdnTargetService targets;

    @Inject
    CdnTargetTester tester;

    @Inject
    PurgeQueue queue;

    @Inject
    CurrentUser currentUser;

    private List<CdnTarget> rows = List.of();
    private List<QueuedPurge> purges = List.of();
    private long purgeCount;
    private String stateFilter = "";
    private final CdnTargetForm form = new CdnTargetForm();
    private String staleMessage;
    private CdnTarget confirmFor;
    private ConnectionTest check;
    private String checkedName;
    private String purgeTags;
    private String purgeUrls;
    private Long purgeTarget;

    @PostConstruct
    void init() {
        load();
    }

    private void load() {
        rows = targets.all();
        loadQueue();
    }

    /** The queue again, as the filter says (the page's "Refresh" and its poll). */
    public void loadQueue() {
        PurgeState state = state();
        purges = queue.list(state, 0, QUEUE_ROWS);
        purgeCount = queue.count(state);
    }

    private PurgeState state() {
        return stateFilter == null || stateFilter.isEmpty() ? null : PurgeState.valueOf(stateFilter);
    }

    // ---- the dialog ----------------------------------------------------------------------------------------

    public void prepareCreate() {
        form.clear();
        staleMessage = null;
    }

    public void prepareEdit(CdnTarget row) {
        staleMessage = null;
        Optional<CdnTarget> target = targets.find(row.id());
        if (target.isPresent()) {
            form.load(target.get());
        } else {
            gone(row.id());
        }
    }

    public void kindChosen() {
        form.kindChosen();
    }

    public void save() {
        String by = currentUser.getUsername();
        try {
            CdnTarget saved = form.isEditing()
                    ? targets.update(form.getEditingId(), form.toChange(), form.getLockVersion(), by)
                    : targets.create(form.getKind(), form.toChange(), by);
            Messages.addGlobalInfo(form.isEditing() ? "admin.cdn.saved" : "admin.cdn.added", saved.name());
            form.forgetCredential();
            staleMessage = null;
            load();
        } catch (CdnRejectedException.StaleTarget stale) {
            staleMessage = changedMeanwhile("admin.cdn.stale", form.getEditingId());
            Faces.validationFailed();
        } catch (CdnRejectedException refusal) {
            FormMessages messages = FormMessages.ofCurrentForm();
            if (refusal.hasFieldErrors()) {
                refusal.fieldErrors().forEach(error -> messages.fragment(error.field(), error.message(Faces.getLocale())));
            } else {
                messages.refused(FormMessages.ELSEWHERE, refusal);
            }
            Faces.validationFailed();
        }
    }

    public void reload() {
        staleMessage = null;
        targets.find(form.getEditingId()).ifPresentOrElse(form::load, () -> gone(form.getEditingId()));
        load();
    }

    // ---- actions in the list -------------------------------------------------------------------------------

    public void test(CdnTarget row) {
        check = null;
        try {
            check = tester.test(row.id());
            checkedName = row.name();
        } catch (CdnRejectedException.TargetNotFound e) {
            gone(row.id());
        }
    }

    public void toggleEnabled(CdnTarget row) {
        Optional<CdnTarget> found = targets.find(row.id());
        if (found.isEmpty()) {
            gone(row.id());
            return;
        }
        CdnTarget current = found.get();
        try {
            CdnTarget saved = targets.update(row.id(), new CdnTargetChange(current.name(), current.endpoint(),
                    current.options(), null, !row.enabled()), row.lockVersion(), currentUser.getUsername());
            Messages.addGlobalInfo(saved.enabled() ? "admin.cdn.enabled" : "admin.cdn.disabled", saved.name());
        } catch (CdnRejectedException.StaleTarget stale) {
            globalError(changedMeanwhile("admin.cdn.stale.list", row.id()));
            Faces.validationFailed();
        } catch (CdnRejectedException refusal) {
            globally(refusal);
        }
        load();
    }

    public void prepareConfirm(CdnTarget row) {
        confirmFor = row;
    }

    public void delete() {
        try {
            targets.delete(confirmFor.id(), currentUser.getUsername());
            Messages.addGlobalInfo("admin.cdn.deleted", confirmFor.name());
            if (check != null && confirmFor.name().equals(checkedName)) {
                check = null;
            }
        } catch (CdnRejectedException refusal) {
            FormMessages.ofCurrentForm().refused(refusal);
            Faces.validationFailed();
        }
        load();
    }

    // ---- the queue -----------------------------------------------------------------------------------------

    public void retry(QueuedPurge purge) {
        try {
            queue.retryNow(purge.id(), currentUser.getUsername());
            Messages.addGlobalInfo("admin.cdn.queue.retried", purge.id());
        } catch (CdnRejectedException refusal) {
            globally(refusal);
        }
        loadQueue();
    }

    /** The manual purge: one tag or URL a line. */
    public void purge() {
        try {
            List<QueuedPurge> queued = queue.request(purgeTarget, lines(purgeTags), lines(purgeUrls),
                    currentUser.getUsername());
            Messages.addGlobalInfo("admin.cdn.purge.queued", queued.size());
            purgeTags = null;
            purgeUrls = null;
        } catch (CdnRejectedException refusal) {
            FormMessages messages = FormMessages.ofCurrentForm();
            if (refusal.hasFieldErrors()) {
                refusal.fieldErrors().forEach(error -> messages.fragment(error.field(), error.message(Faces.getLocale())));
            } else {
                messages.refused(FormMessages.ELSEWHERE, refusal);
            }
            Faces.validationFailed();
        }
        loadQueue();
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::strip)
                .filter(line -> !line.isEmpty()).toList();
    }

    /** "3 of 12 batches", or nothing before the first attempt. */
    public String progress(QueuedPurge purge) {
        return purge.batchesTotal() == 0 ? "" : Texts.format(Faces.getLocale(), "admin.cdn.queue.progress",
                purge.batchesDone(), purge.batchesTotal());
    }

    /** The first tags and URLs of a purge, and how many more. */
    public String what(QueuedPurge purge) {
        List<String> all = new java.util.ArrayList<>(purge.tags());
        all.addAll(purge.urls());
        String shown = String.join(" ", all.subList(0, Math.min(3, all.size())));
        return all.size() <= 3 ? shown : Texts.format(Faces.getLocale(), "admin.cdn.queue.more", shown,
                all.size() - 3);
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static void globally(CdnRejectedException refusal) {
        Locale locale = Faces.getLocale();
        if (refusal.hasFieldErrors()) {
            refusal.fieldErrors().forEach(error -> globalError(error.field() + ": " + error.message(locale)));
        } else {
            globalError(refusal.message(locale));
        }
        Faces.validationFailed();
    }

    private static void globalError(String text) {
        Messages.add(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
    }

    private void gone(Long id) {
        Messages.addGlobalError("problem.cdn.target.not-found", id);
        Faces.validationFailed();
        load();
    }

    private String changedMeanwhile(String key, Long id) {
        Locale locale = Faces.getLocale();
        return targets.find(id).map(now -> Texts.format(locale, key, now.name(), now.updatedBy(),
                        Dates.dateTime(now.updatedAt(), locale)))
                .orElseGet(() -> Texts.format(locale, "problem.cdn.target.not-found", id));
    }

    // ---- view state ----------------------------------------------------------------------------------------

    public PurgeTarget.Kind[] getKinds() { return PurgeTarget.Kind.values(); }
    public PurgeState[] getStates() { return PurgeState.values(); }
    public List<CdnTarget> getRows() { return rows; }
    public List<QueuedPurge> getPurges() { return purges; }
    public long getPurgeCount() { return purgeCount; }
    public String getStateFilter() { return stateFilter; }
    public void setStateFilter(String stateFilter) { this.stateFilter = stateFilter; }
    public CdnTargetForm getForm() { return form; }
    public String getStaleMessage() { return staleMessage; }
    public CdnTarget getConfirmFor() { return confirmFor; }
    public ConnectionTest getCheck() { return check; }
    public String getCheckedName() { return checkedName; }
    public String getPurgeTags() { return purgeTags; }
    public void setPurgeTags(String tags) { this.purgeTags = tags; }
    public String getPurgeUrls() { return purgeUrls; }
    public void setPurgeUrls(String urls) { this.purgeUrls = urls; }
    public Long getPurgeTarget() { return purgeTarget; }
    public void setPurgeTarget(Long target) { this.purgeTarget = target; }
}
