package org.portico.web.view.admin.cmssources;

import java.io.Serializable;
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
import org.portico.web.cms.source.CmsSource;
import org.portico.web.cms.source.CmsSourceChange;
import org.portico.web.cms.source.CmsSourceRejectedException;
import org.portico.web.cms.source.CmsSourceService;
import org.portico.web.cms.source.CmsSourceType;
import org.portico.web.cms.source.CmsSources;
import org.portico.web.cms.source.CmsWebhooks;
import org.portico.web.i18n.Dates;
import org.portico.web.i18n.Texts;
import org.portico.web.security.CurrentUser;
import org.portico.web.settings.PublicUrls;
import org.portico.web.view.admin.FormMessages;
import org.primefaces.PrimeFaces;

/**
 * The site admin's external CMS sources (WordPress, Strapi 5): the list with each source's webhook URL; add and edit
 * in one dialog ({@link CmsSourceForm}); "Test connection", which says what was reached and how long it took;
 * enable/disable; a new webhook secret and delete after an explicit confirmation. The webhook secret is shown once,
 * in its own dialog, when a source is added or its secret renewed, and forgotten when the admin closes it.
 * <p>
 * What {@link CmsSourceService} refuses appears next to the input of the field it concerns (see
 * {@link FormMessages}), and the dialog keeps what was typed. A source changed meanwhile by another admin is said with
 * who and when, and the dialog offers to reload it.
 */
@Named
@ViewScoped
public class CmsSourcesBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    CmsSourceService service;

    @Inject
    CmsSources sources;

    @Inject
    CurrentUser currentUser;

    @Inject
    PublicUrls urls;

    private List<CmsSourceRow> rows = List.of();
    private final CmsSourceForm form = new CmsSourceForm();
    private String staleMessage;
    private CmsSourceRow confirmFor;
    private CheckResult check;
    private String issuedSecret;
    private String issuedFor;
    private CmsSourceType issuedType;
    private String issuedHeader;
    private String issuedWebhookUrl;

    @PostConstruct
    void init() {
        load();
    }

    private void load() {
        rows = service.all().stream().map(source -> CmsSourceRow.of(source, webhookUrl(source.id()))).toList();
    }

    private String webhookUrl(String id) {
        return urls.resolve(CmsWebhooks.path(id));
    }

    // ---- the dialog ----------------------------------------------------------------------------------------

    public void prepareCreate() {
        form.clear();
        staleMessage = null;
    }

    public void prepareEdit(CmsSourceRow row) {
        staleMessage = null;
        Optional<CmsSource> source = service.find(row.id());
        if (source.isPresent()) {
            form.load(source.get());
        } else {
            gone(row.id());
        }
    }

    /** The type of a new source changed: its option fields follow. */
    public void typeChosen() {
        form.typeChosen();
    }

    public void save() {
        String by = currentUser.getUsername();
        try {
            if (form.isEditing()) {
                CmsSource saved = service.update(form.getEditingId(), form.toChange(), form.getLockVersion(), by);
                Messages.addGlobalInfo("admin.cms-sources.saved", saved.id());
            } else {
                CmsSourceService.WithSecret created = service.create(form.getId(), form.getType(), form.toChange(), by);
                showSecret(created);
                Messages.addGlobalInfo("admin.cms-sources.added", created.source().id());
            }
            form.forgetCredential();
            staleMessage = null;
            load();
        } catch (CmsSourceRejectedException.StaleSource stale) {
            staleMessage = changedMeanwhile("admin.cms-sources.stale", form.getEditingId());
            Faces.validationFailed();
        } catch (CmsSourceRejectedException refusal) {
            refused(refusal);
        }
    }

    /** "Reload" after a refused save: the source as it is now; what was typed is dropped. */
    public void reload() {
        staleMessage = null;
        Optional<CmsSource> source = service.find(form.getEditingId());
        if (source.isPresent()) {
            form.load(source.get());
        } else {
            FormMessages.ofCurrentForm().error(FormMessages.ELSEWHERE,
                    Texts.format(Faces.getLocale(), "problem.cms-source.not-found", form.getEditingId()));
            Faces.validationFailed();
        }
        load();
    }

    /**
     * Shows why a change was refused — each field next to its input, a taken id next to the id, the rest at the top
     * of the dialog — and fails validation, so the dialog stays open with what was typed.
     */
    private void refused(CmsSourceRejectedException refusal) {
        FormMessages messages = FormMessages.ofCurrentForm();
        if (refusal.hasFieldErrors()) {
            refusal.fieldErrors().forEach(error -> messages.fragment(error.field(), error.message(Faces.getLocale())));
        } else if (refusal instanceof CmsSourceRejectedException.IdTaken) {
            messages.refused("id", refusal);
        } else {
            messages.refused(FormMessages.ELSEWHERE, refusal);
        }
        Faces.validationFailed();
    }

    // ---- actions in the list -------------------------------------------------------------------------------

    /** Reaches the source as stored and keeps what it found for the page to show. */
    public void test(CmsSourceRow row) {
        check = null;
        try {
            check = CheckResult.of(row.id(), sources.test(row.id()));
        } catch (CmsSourceRejectedException.SourceNotFound e) {
            gone(row.id());
        }
    }

    /** Enables or disables the source as the list showed it; a change made since is said, and the list reloaded. */
    public void toggleEnabled(CmsSourceRow row) {
        Optional<CmsSource> found = service.find(row.id());
        if (found.isEmpty()) {
            gone(row.id());
            return;
        }
        CmsSource current = found.get();
        try {
            CmsSource saved = service.update(row.id(), new CmsSourceChange(current.name(), current.baseUrl(),
                    current.options(), null, current.timeout(), current.freshFor(), !row.enabled()),
                    row.lockVersion(), currentUser.getUsername());
            Messages.addGlobalInfo(saved.enabled() ? "admin.cms-sources.enabled" : "admin.cms-sources.disabled",
                    saved.id());
        } catch (CmsSourceRejectedException.StaleSource stale) {
            globalError(changedMeanwhile("admin.cms-sources.stale.list", row.id()));
            Faces.validationFailed();
        } catch (CmsSourceRejectedException refusal) {
            globally(refusal);
        }
        load();
    }

    public void prepareConfirm(CmsSourceRow row) {
        confirmFor = row;
    }

    public void delete() {
        confirmed(() -> {
            service.delete(confirmFor.id(), currentUser.getUsername());
            Messages.addGlobalInfo("admin.cms-sources.deleted", confirmFor.id());
            if (check != null && check.sourceId().equals(confirmFor.id())) {
                check = null;
            }
        });
    }

    /** A new webhook secret, shown once; the old one stops working at once. */
    public void renewSecret() {
        confirmed(() -> {
            showSecret(service.renewWebhookSecret(confirmFor.id(), currentUser.getUsername()));
            Messages.addGlobalInfo("admin.cms-sources.secret-renewed", confirmFor.id());
        });
    }

    /** Runs a change the admin confirmed in a dialog: a refusal shows in the dialog; the list shows what is now. */
    private void confirmed(Runnable change) {
        try {
            change.run();
        } catch (CmsSourceRejectedException refusal) {
            FormMessages.ofCurrentForm().refused(refusal);
            Faces.validationFailed();
        }
        load();
    }

    /** The admin has copied the secret: forget it. */
    public void dismissSecret() {
        issuedSecret = null;
        issuedFor = null;
        issuedType = null;
        issuedHeader = null;
        issuedWebhookUrl = null;
    }

    /** Keeps the secret for its dialog, which the page opens when the callback parameter {@code secretIssued} says so. */
    private void showSecret(CmsSourceService.WithSecret issued) {
        CmsSource source = issued.source();
        issuedSecret = issued.webhookSecret();
        issuedFor = source.id();
        issuedType = source.type();
        issuedHeader = CmsWebhooks.secretHeader(source);
        issuedWebhookUrl = webhookUrl(source.id());
        PrimeFaces.current().ajax().addCallbackParam("secretIssued", true);
    }

    /** A refusal outside the dialog: each field named, in the global messages. */
    private static void globally(CmsSourceRejectedException refusal) {
        Locale locale = Faces.getLocale();
        if (refusal.hasFieldErrors()) {
            refusal.fieldErrors().forEach(error -> globalError(error.field() + ": " + error.message(locale)));
        } else {
            globalError(refusal.message(locale));
        }
        Faces.validationFailed();
    }

    /** A text already in the view's language (not a bundle key) as a global error. */
    private static void globalError(String text) {
        Messages.add(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
    }

    /** The source was deleted meanwhile: said, and the list shows it without. */
    private void gone(String id) {
        Messages.addGlobalError("problem.cms-source.not-found", id);
        Faces.validationFailed();
        load();
    }

    /** "… was changed by ada at 7 Dec 2026, 09:12:05 UTC …", in the view's language; who and when as stored now. */
    private String changedMeanwhile(String key, String id) {
        Locale locale = Faces.getLocale();
        return service.find(id)
                .map(now -> Texts.format(locale, key, id, now.updatedBy(), Dates.dateTime(now.updatedAt(), locale)))
                .orElseGet(() -> Texts.format(locale, "problem.cms-source.not-found", id));
    }

    // ---- view state ----------------------------------------------------------------------------------------

    public CmsSourceType[] getTypes() {
        return CmsSourceType.values();
    }

    public List<CmsSourceRow> getRows() { return rows; }
    public CmsSourceForm getForm() { return form; }
    public String getStaleMessage() { return staleMessage; }
    public CmsSourceRow getConfirmFor() { return confirmFor; }
    public CheckResult getCheck() { return check; }
    public String getIssuedSecret() { return issuedSecret; }
    public String getIssuedFor() { return issuedFor; }
    public CmsSourceType getIssuedType() { return issuedType; }
    public String getIssuedHeader() { return issuedHeader; }
    public String getIssuedWebhookUrl() { return issuedWebhookUrl; }
}
