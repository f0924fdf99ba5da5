package org.portico.web.view.admin.routes;

import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;
import org.portico.deeplink.link.InvalidParameterException;
import org.portico.deeplink.link.ParameterType;
import org.portico.deeplink.link.RouteProblem;
import org.portico.web.app.AppService;
import org.portico.web.app.UserClaim;
import org.portico.web.i18n.Texts;
import org.portico.web.link.LinkMessages;
import org.portico.web.link.OutboundLinks;
import org.portico.web.link.RouteProblems;
import org.portico.web.link.RouteRejectedException;
import org.portico.web.link.RouteService;
import org.portico.web.link.StoredRoute;
import org.portico.web.security.CurrentUser;
import org.portico.web.user.Role;
import org.portico.web.view.admin.FormMessages;
import org.portico.web.view.admin.SearchTableModel;
import org.primefaces.model.LazyDataModel;

/**
 * The site admin's link routes: a searchable, paged list with a sample link per route; create and edit in one dialog
 * ({@link RouteForm}: parameters as rows, the target as a Portico page or an app URL template); delete after an
 * explicit confirmation; "try it" ({@link TryLink}), which asks for the parameter values and opens the link in a new
 * tab. Problems found by {@link RouteService} appear next to the input of the field they concern
 * ({@link RouteProblem#field()}, see {@link FormMessages}), and the dialog keeps what was typed. An action that
 * worked says so in a global message; the page closes its dialog unless validation failed.
 */
@Named
@ViewScoped
public class RoutesBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    RouteService routes;

    @Inject
    AppService apps;

    @Inject
    Clock clock;

    @Inject
    OutboundLinks outboundLinks;

    @Inject
    CurrentUser currentUser;

    private String query;
    private LazyDataModel<RouteRow> model;

    private final RouteForm form = new RouteForm();
    private RouteRow confirmFor;
    private TryLink tryLink;
    private List<AppOption> appOptions = List.of();

    @PostConstruct
    void init() {
        model = new SearchTableModel<>("name", () -> routes.count(query),
                (first, pageSize, field, ascending) -> {
                    Instant now = clock.instant();
                    return routes.search(query, first, pageSize, field, ascending).stream()
                            .map(route -> RouteRow.of(route, now)).toList();
                },
                new SearchTableModel.Keys<>() {
                    private static final long serialVersionUID = 1L;

                    @Override
                    public String keyOf(RouteRow row) {
                        return row.name();
                    }

                    @Override
                    public RouteRow rowFor(String key) {
                        return RouteRow.of(routes.getByName(key), clock.instant());
                    }
                });
    }

    // ---- actions -------------------------------------------------------------------------------------------

    public void prepareCreate() {
        form.clear();
        loadAppOptions();
    }

    public void prepareEdit(RouteRow row) {
        try {
            form.load(routes.getByName(row.name()));
            loadAppOptions();
        } catch (RouteRejectedException e) {
            Messages.addGlobalError(e.messageKey(), e.messageParams());
            Faces.validationFailed();
        }
    }

    public void addParameter() {
        form.addParameter();
    }

    public void removeParameter(int index) {
        form.removeParameter(index);
    }

    /** A newly chosen app with no template yet gets one that starts with the app's first base URL. */
    public void appChosen() {
        apps.findById(form.getAppId()).flatMap(app -> app.getBaseUrls().stream().findFirst())
                .ifPresent(form::startTemplateAt);
    }

    public void save() {
        boolean editing = form.isEditing();
        try {
            StoredRoute saved = editing
                    ? routes.update(form.getEditingName(), form.version(), form.toDraft())
                    : routes.create(form.toDraft());
            Messages.addGlobalInfo(editing ? "admin.routes.saved" : "admin.routes.created", saved.getName());
        } catch (RouteRejectedException e) {
            refused(e);
        }
    }

    public void prepareConfirm(RouteRow row) {
        confirmFor = row;
    }

    public void delete() {
        try {
            routes.delete(confirmFor.name());
            Messages.addGlobalInfo("admin.routes.deleted", confirmFor.name());
        } catch (RouteRejectedException e) {
            refused(e);
        }
    }

    public void prepareTry(RouteRow row) {
        try {
            tryLink = new TryLink(routes.getByName(row.name()));
        } catch (RouteRejectedException e) {
            Messages.addGlobalError(e.messageKey(), e.messageParams());
            Faces.validationFailed();
        }
    }

    /**
     * "Try it" of a one-time route: mints a ticket for the values given, redeemable once and only by the admin who
     * tries it, and shows the link with it. Each press mints a new one; changing a value forgets the last.
     */
    public void mintTry() {
        if (tryLink == null) {
            return;
        }
        try {
            OutboundLinks.Built built = outboundLinks.build(tryLink.getRoute(), tryLink.valueMap(),
                    currentUser.getUsername(), null);
            tryLink.minted(Faces.getRequestContextPath() + built.path());
        } catch (InvalidParameterException e) {
            // What is wrong with a value, in the admin's language (the form checks each value before, so rarely seen).
            refuseTry(LinkMessages.format(Faces.getLocale(), e.text()));
        } catch (IllegalArgumentException e) {
            // With the values by name, the only other refusal: the route was deleted meanwhile.
            refuseTry(Texts.format(Faces.getLocale(), "problem.route.not-found", tryLink.getRoute()));
        }
    }

    private void refuseTry(String message) {
        tryLink.minted(null);
        FormMessages.ofCurrentForm().error(FormMessages.ELSEWHERE, message);
        Faces.validationFailed();
    }

    /**
     * Shows why a change was refused — each problem next to its field's input, a taken name next to the name, the
     * rest at the top of the dialog — and fails validation, so the dialog stays open with what was typed.
     */
    private void refused(RouteRejectedException refusal) {
        FormMessages messages = FormMessages.ofCurrentForm();
        if (refusal instanceof RouteRejectedException.InvalidRoute invalid) {
            invalid.problems().forEach(problem -> messages.fragment(problem.field(),
                    RouteProblems.format(Faces.getLocale(), problem)));
        } else if (refusal instanceof RouteRejectedException.RouteNameTaken) {
            messages.refused("name", refusal);
        } else {
            messages.refused(FormMessages.ELSEWHERE, refusal);
        }
        Faces.validationFailed();
    }

    // ---- view state ----------------------------------------------------------------------------------------

    /** The apps a route may lead into, read when the dialog opens. */
    public List<AppOption> getAppOptions() {
        return appOptions;
    }

    private void loadAppOptions() {
        appOptions = apps.search(null, 0, 1000, "id", true).stream()
                .map(app -> new AppOption(app.getId(), Texts.format(Faces.getLocale(),
                        app.isEnabled() ? "admin.routes.app-option" : "admin.routes.app-option.disabled",
                        app.getId(), app.getName())))
                .toList();
    }

    public ParameterType[] getParameterTypes() {
        return ParameterType.values();
    }

    public Role[] getAllRoles() {
        return Role.values();
    }

    public UserClaim[] getAllClaims() {
        return UserClaim.values();
    }

    public String getQuery() { return query; }
    public void setQuery(String query) { this.query = query; }
    public LazyDataModel<RouteRow> getModel() { return model; }
    public RouteForm getForm() { return form; }
    public RouteRow getConfirmFor() { return confirmFor; }
    public TryLink getTryLink() { return tryLink; }
}
