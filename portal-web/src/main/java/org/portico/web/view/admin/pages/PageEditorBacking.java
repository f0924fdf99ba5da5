package org.portico.web.view.admin.pages;

import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;

import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;
import org.portico.deeplink.random.RandomIds;
import org.portico.web.app.AppService;
import org.portico.web.i18n.Texts;
import org.portico.web.link.RouteService;
import org.portico.web.page.PageDrafts;
import org.portico.web.page.PageInfo;
import org.portico.web.page.PageRejectedException;
import org.portico.web.page.PageRules;
import org.portico.web.page.PageService;
import org.portico.web.page.PageVersionInfo;
import org.portico.web.page.Pages;
import org.portico.web.page.PortalPage;
import org.portico.web.page.Viewer;
import org.portico.web.page.Widget;
import org.portico.web.page.WidgetKind;
import org.portico.web.page.WidgetTypes;
import org.portico.web.problem.FieldMessage;
import org.portico.web.security.CurrentUser;
import org.portico.web.view.admin.FormMessages;
import org.primefaces.event.DashboardReorderEvent;
import org.primefaces.model.dashboard.DashboardModel;
import org.primefaces.model.dashboard.DashboardWidget;
import org.primefaces.model.dashboard.DefaultDashboardModel;
import org.primefaces.model.dashboard.DefaultDashboardWidget;

/**
 * The page editor, {@code /admin/page-editor.xhtml?slug=…}: a draft of the page's widgets in a PrimeFaces dashboard
 * (drag a panel's header onto another panel to swap them, the dashboard's {@code reorder} event), wider/narrower,
 * configure, remove, add from the catalogue of kinds; nothing is stored until "Save", which names the revision the
 * draft was made on. A page saved meanwhile by someone else is said with who and when, and "Reload" or "Overwrite".
 * Refused fields show next to their inputs, a widget's next to its panel. The draft can be previewed as any role
 * ({@link PageDrafts}), and any saved version made current again.
 * <p>
 * The dashboard's panels are slots {@code slot_0…slot_39} ({@link PageRules#MAX_WIDGETS}), fixed when the view is
 * built, each showing the draft's widget at its index: the component tree never changes, only what the model lists.
 */
@Named
@ViewScoped
public class PageEditorBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The widths "wider" and "narrower" step through. */
    static final int[] WIDTHS = {3, 4, 6, 8, 12};
    private static final String SLOT = "slot_";
    private static final Pattern WIDGET_FIELD = Pattern.compile("widgets/(\\d+)/(.*)");

    @Inject
    PageService service;

    @Inject
    Pages pages;

    @Inject
    WidgetTypes widgetTypes;

    @Inject
    CurrentUser currentUser;

    @Inject
    AppService apps;

    @Inject
    RouteService routes;

    @Inject
    PageDrafts drafts;

    private String slug;
    private long revision;
    private Instant updatedAt;
    private String updatedBy;
    private final PageSettingsForm settings = new PageSettingsForm();
    private List<Widget> draft = new ArrayList<>();
    private Map<Integer, List<String>> widgetErrors = new HashMap<>();
    private DashboardModel model = new DefaultDashboardModel();
    private WidgetForm form = WidgetForm.create(WidgetKind.CMS_BLOCK);
    private String staleMessage;
    private boolean dirty;
    private List<PageVersionInfo> versions = List.of();
    private PageVersionInfo revertTo;
    private String previewRole = "end-user";
    private final String draftKey = RandomIds.id();
    private List<String> appIds;
    private List<String> routeNames;

    // ---- loading -------------------------------------------------------------------------------------------

    /** {@code f:viewAction} (not on postback): the page, or the not-found page. */
    public void load() throws IOException {
        PageInfo info = slug == null ? null : service.find(slug).orElse(null);
        if (info == null) {
            Faces.responseSendError(HttpServletResponse.SC_NOT_FOUND, "No such page");
            FacesContext.getCurrentInstance().responseComplete();
            return;
        }
        show(info);
    }

    private void show(PageInfo info) {
        revision = info.revision();
        updatedAt = info.updatedAt();
        updatedBy = info.updatedBy();
        settings.load(info.page());
        draft = new ArrayList<>(info.page().widgets());
        widgetErrors = new HashMap<>();
        staleMessage = null;
        dirty = false;
        versions = service.versions(slug);
        changed();
        dirty = false;
    }

    /** After every change of the draft: the dashboard's model and the preview follow. */
    private void changed() {
        dirty = true;
        DefaultDashboardModel fresh = new DefaultDashboardModel();
        for (int i = 0; i < draft.size(); i++) {
            fresh.addWidget(new DefaultDashboardWidget(SLOT + i, "portico-span-" + draft.get(i).width()));
        }
        model = fresh;
        drafts.keep(draftKey, toPage());
    }

    private PortalPage toPage() {
        return new PortalPage(slug, settings.getTitle(), new LinkedHashSet<>(settings.getRoles()),
                settings.isInNavigation(), settings.getNavOrder(), draft);
    }

    // ---- arranging -----------------------------------------------------------------------------------------

    /**
     * The dashboard's {@code reorder}: a panel was dropped on another and the two swapped places; the dashboard has
     * already swapped them in its model, which now lists the slots in their new order.
     */
    public void reordered(DashboardReorderEvent event) {
        List<Widget> reordered = new ArrayList<>();
        for (DashboardWidget column : model.getWidgets()) {
            for (String panel : column.getWidgets()) {
                int slot = Integer.parseInt(panel.substring(SLOT.length()));
                if (slot >= 0 && slot < draft.size()) {
                    reordered.add(draft.get(slot));
                }
            }
        }
        if (reordered.size() == draft.size() && new LinkedHashSet<>(reordered).size() == draft.size()) {
            draft = reordered;
        }
        widgetErrors = new HashMap<>();
        changed();
    }

    public void wider(int index) {
        resize(index, +1);
    }

    public void narrower(int index) {
        resize(index, -1);
    }

    private void resize(int index, int step) {
        if (index < 0 || index >= draft.size()) {
            return;
        }
        Widget widget = draft.get(index);
        int at = 0;
        while (at < WIDTHS.length - 1 && WIDTHS[at] < widget.width()) {
            at++;
        }
        int next = step > 0 ? WIDTHS[Math.min(WIDTHS.length - 1, WIDTHS[at] > widget.width() ? at : at + 1)]
                : WIDTHS[Math.max(0, at - 1)];
        if (step < 0 && next > widget.width()) {
            return;
        }
        draft.set(index, new Widget(widget.id(), widget.kind(), widget.title(), next, widget.roles(),
                widget.optional(), widget.settings()));
        changed();
    }

    public void remove(int index) {
        if (index >= 0 && index < draft.size()) {
            draft.remove(index);
            widgetErrors = new HashMap<>();
            changed();
        }
    }

    // ---- catalogue and configure ---------------------------------------------------------------------------

    public void prepareAdd(String kindId) {
        form = WidgetForm.create(WidgetKind.findById(kindId).orElse(WidgetKind.CMS_BLOCK));
    }

    public void prepareConfigure(int index) {
        if (index >= 0 && index < draft.size()) {
            form = WidgetForm.of(index, draft.get(index));
        }
    }

    public void addLink() {
        form.addLink();
    }

    public void removeLink(int index) {
        form.removeLink(index);
    }

    /**
     * "Apply" of the configure dialog: the widget's problems ({@link PageRules#check(Widget, String)}) next to their
     * inputs, or the widget into the draft. A kind this installation has no {@code WidgetType} for is placed anyway:
     * it shows as no longer available, and the page cannot be saved while it holds it.
     */
    public void apply() {
        List<FieldMessage> problems = new ArrayList<>();
        Widget widget = form.toWidget(problems);
        problems.addAll(new PageRules(widgetTypes).check(widget, "").stream()
                .filter(problem -> !problem.field().equals("kind")).toList());
        if (!problems.isEmpty()) {
            FormMessages messages = FormMessages.ofCurrentForm();
            problems.forEach(problem -> messages.error(problem.field(), problem.message(Faces.getLocale())));
            Faces.validationFailed();
            return;
        }
        if (form.isEditing() && form.getIndex() < draft.size()) {
            draft.set(form.getIndex(), widget);
            widgetErrors.remove(form.getIndex());
        } else if (draft.size() >= PageRules.MAX_WIDGETS) {
            Messages.addGlobalError("page.rule.widgets.tooMany", PageRules.MAX_WIDGETS);
            Faces.validationFailed();
            return;
        } else {
            draft.add(widget);
        }
        changed();
    }

    // ---- saving --------------------------------------------------------------------------------------------

    public void save() {
        store(revision);
    }

    /** "Overwrite" after a stale save: the draft saved on the current revision, replacing the other change. */
    public void overwrite() {
        service.find(slug).ifPresentOrElse(current -> store(current.revision()),
                () -> Messages.addGlobalError("problem.page.not-found", slug));
    }

    /** "Reload" after a stale save: the page as it is now, the draft forgotten. */
    public void reload() {
        service.find(slug).ifPresentOrElse(this::show, () -> Messages.addGlobalError("problem.page.not-found", slug));
    }

    private void store(long onRevision) {
        widgetErrors = new HashMap<>();
        staleMessage = null;
        try {
            PageInfo saved = service.update(slug, toPage(), onRevision, currentUser.getUsername());
            show(saved);
            Messages.addGlobalInfo("admin.pages.saved", saved.revision());
        } catch (PageRejectedException.StalePage stale) {
            staleMessage = Texts.format(Faces.getLocale(), stale.messageKey(), stale.messageParams());
            Faces.validationFailed();
        } catch (PageRejectedException refusal) {
            refused(refusal);
        }
    }

    /** Each refused field next to its input; a widget's fields in its panel, with the field named. */
    private void refused(PageRejectedException refusal) {
        FormMessages messages = FormMessages.ofCurrentForm();
        Locale locale = Faces.getLocale();
        if (!refusal.hasFieldErrors()) {
            messages.refused(FormMessages.ELSEWHERE, refusal);
        }
        for (FieldMessage error : refusal.fieldErrors()) {
            Matcher widgetField = WIDGET_FIELD.matcher(error.field());
            if (widgetField.matches()) {
                widgetErrors.computeIfAbsent(Integer.parseInt(widgetField.group(1)), i -> new ArrayList<>())
                        .add(widgetField.group(2) + ": " + error.message(locale));
            } else {
                messages.error(error.field(), error.message(locale));
            }
        }
        Faces.validationFailed();
    }

    // ---- versions ------------------------------------------------------------------------------------------

    public void prepareRevert(PageVersionInfo version) {
        revertTo = version;
    }

    public void revert() {
        if (revertTo == null) {
            return;
        }
        try {
            PageInfo reverted = service.revert(slug, revertTo.revision(), revision, currentUser.getUsername());
            show(reverted);
            Messages.addGlobalInfo("admin.pages.reverted", revertTo.revision(), reverted.revision());
        } catch (PageRejectedException.StalePage stale) {
            staleMessage = Texts.format(Faces.getLocale(), stale.messageKey(), stale.messageParams());
            Faces.validationFailed();
        } catch (PageRejectedException refusal) {
            Messages.addGlobalError(refusal.messageKey(), refusal.messageParams());
            Faces.validationFailed();
        }
    }

    // ---- view state ----------------------------------------------------------------------------------------

    /** The widget in a dashboard slot, or {@code null} for an empty slot. */
    public Widget widgetAt(int slot) {
        return slot >= 0 && slot < draft.size() ? draft.get(slot) : null;
    }

    public boolean available(int slot) {
        Widget widget = widgetAt(slot);
        return widget != null && pages.available(widget);
    }

    public List<String> errorsAt(int slot) {
        return widgetErrors.getOrDefault(slot, List.of());
    }

    /** A short line of what the widget is set to show. */
    public String summaryAt(int slot) {
        Widget widget = widgetAt(slot);
        return widget == null ? "" : WidgetSummary.of(widget, Faces.getLocale());
    }

    public List<String> getKinds() {
        return java.util.Arrays.stream(WidgetKind.values()).map(WidgetKind::id).toList();
    }

    public List<String> getAllRoles() {
        return List.of("end-user", "content-editor", "site-admin", Viewer.GUEST);
    }

    public int[] getWidths() {
        return WIDTHS.clone();
    }

    /** The registered apps' ids, for the app selects (read once per editor). */
    public List<String> getAppIds() {
        if (appIds == null) {
            appIds = apps.search(null, 0, 1000, "id", true).stream().map(app -> app.getId()).toList();
        }
        return appIds;
    }

    /** The link routes' names, for the route selects (read once per editor). */
    public List<String> getRouteNames() {
        if (routeNames == null) {
            routeNames = routes.all().stream().map(route -> route.getName()).sorted().toList();
        }
        return routeNames;
    }

    public String getPreviewUrl() {
        return Faces.getRequestContextPath() + "/admin/page-preview.xhtml?draft=" + draftKey + "&role=" + previewRole;
    }

    public String getLivePath() {
        return PortalPage.HOME.equals(slug) ? "/home.xhtml" : "/p/" + slug;
    }

    /** Called by the page settings inputs: the draft changed. */
    public void settingsChanged() {
        changed();
    }

    public String getSlug() { return slug; }
    public void setSlug(String slug) { this.slug = slug; }
    public long getRevision() { return revision; }
    public Instant getUpdatedAt() { return updatedAt; }
    public String getUpdatedBy() { return updatedBy; }
    public PageSettingsForm getSettings() { return settings; }
    public List<Widget> getDraft() { return draft; }
    public DashboardModel getModel() { return model; }
    public WidgetForm getForm() { return form; }
    public String getStaleMessage() { return staleMessage; }
    public boolean isDirty() { return dirty; }
    public List<PageVersionInfo> getVersions() { return versions; }
    public PageVersionInfo getRevertTo() { return revertTo; }
    public String getPreviewRole() { return previewRole; }
    public void setPreviewRole(String previewRole) {
        this.previewRole = getAllRoles().contains(previewRole) ? previewRole : "end-user";
    }
}
