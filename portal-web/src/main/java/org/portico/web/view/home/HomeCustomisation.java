package org.portico.web.view.home;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.component.UIInput;
import jakarta.faces.component.behavior.ClientBehaviorContext;
import jakarta.faces.event.AjaxBehaviorEvent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;

import org.portico.web.i18n.Texts;
import org.portico.web.page.Pages;
import org.portico.web.page.PersonalLayout;
import org.portico.web.page.PersonalLayouts;
import org.portico.web.page.PortalPage;
import org.portico.web.page.Viewer;
import org.portico.web.page.Widget;

/**
 * "Customise" on the home page ({@code #{homeCustomisation}}): a logged-in user hides widgets, shows them again, adds
 * the optional ones their roles allow, drags them into their own order (PrimeFaces {@code p:orderList}) and resets
 * to the admins' layout. Each change is kept at once ({@link PersonalLayouts}, as differences from the admins' layout,
 * so that the admins' later changes still reach the user) and the page is loaded again with the dialog open, so
 * the grid shows it. Every change names a widget the user is offered now; anything else (a widget the admin removed
 * meanwhile, a forged id) changes nothing and says so. Guests have no personal layout and see no "Customise".
 */
@Named
@RequestScoped
public class HomeCustomisation {

    /** The query parameter that opens the dialog after a change. */
    static final String OPEN = "customise";
    /** The ids of the dialog and of its form (home-customise.xhtml): requests from either need the content. */
    static final String DIALOG = "customiseDialog";
    static final String FORM = "customise";
    /** The request parameter that names the widget to hide or add. */
    static final String WIDGET = "widget";

    @Inject
    Pages pages;

    @Inject
    PersonalLayouts layouts;

    @Inject
    Viewer viewer;

    /** One widget as the dialog lists it. */
    public record Choice(String id, String label, String kind, boolean optional) {
    }

    private PortalPage home;
    private PersonalLayout layout;
    private List<Widget> offered;
    private List<String> order;

    /** Whether the viewer may customise the home page: logged in, and the home page is theirs to see. */
    public boolean isAvailable() {
        return !viewer.username().isEmpty() && home().isPresent();
    }

    /** Whether the page opens with the dialog open: after a change, the page loads again with {@code ?customise=true}. */
    public boolean isOpenOnLoad() {
        return "true".equals(Faces.getRequestParameter(OPEN));
    }

    /**
     * Whether this request needs the dialog's content: the page opened with the dialog open, the dialog loading its
     * content (PrimeFaces' dynamic dialog, source {@code customiseDialog}) or a request of its form (a source under
     * {@code customise:}, or the form's own parameter on a plain submit). The home page's other requests, its data
     * tiles' among them, neither build nor render it.
     */
    public boolean isWanted() {
        String source = Faces.getRequestParameter(ClientBehaviorContext.BEHAVIOR_SOURCE_PARAM_NAME);
        return isOpenOnLoad() || Faces.getRequestParameter(FORM) != null
                || source != null && (source.equals(DIALOG) || source.startsWith(FORM + ":"));
    }

    /** The widgets the user sees, in their order. */
    public List<Choice> getShown() {
        return layout().apply(offered()).stream().map(this::choice).toList();
    }

    /** The widgets the user could add: optional ones and the ones they hid. */
    public List<Choice> getAddable() {
        return layout().addable(offered()).stream().map(this::choice).toList();
    }

    /** The ids of the shown widgets in order, for {@code p:orderList}; a new list, which the component may reorder. */
    public List<String> getOrder() {
        if (order == null) {
            order = new ArrayList<>(layout().apply(offered()).stream().map(Widget::id).toList());
        }
        return order;
    }

    public void setOrder(List<String> order) {
        this.order = order == null ? new ArrayList<>() : new ArrayList<>(order);
    }

    /** The label of a shown widget in the order list. */
    public String label(String widgetId) {
        return offered().stream().filter(widget -> widget.id().equals(widgetId)).findFirst()
                .map(widget -> choice(widget).label()).orElse(widgetId);
    }

    /** Hides the shown widget the request names ({@code widget}). */
    public void hideChosen() throws IOException {
        hide(Faces.getRequestParameter(WIDGET));
    }

    /** Adds the widget the request names ({@code widget}) if the user could add it. */
    public void addChosen() throws IOException {
        add(Faces.getRequestParameter(WIDGET));
    }

    public void hide(String widgetId) throws IOException {
        Optional<Widget> widget = layout().apply(offered()).stream().filter(w -> w.id().equals(widgetId)).findFirst();
        change(widget, layout -> layout.hide(widget.get()));
    }

    public void add(String widgetId) throws IOException {
        Optional<Widget> widget = layout().addable(offered()).stream().filter(w -> w.id().equals(widgetId)).findFirst();
        change(widget, layout -> layout.add(widget.get()));
    }

    /**
     * The {@code reorder} event of the order list: its value is the ids in the order the user dragged them into.
     * Ids that are not shown widgets are dropped ({@link PersonalLayout#keepOnly} and {@link PersonalLayout#apply}
     * ignore them too); the shown widgets it leaves out keep their place.
     */
    public void reorder(AjaxBehaviorEvent event) throws IOException {
        Object value = ((UIInput) event.getComponent()).getValue();
        List<String> shown = layout().apply(offered()).stream().map(Widget::id).toList();
        List<String> newOrder = new ArrayList<>();
        if (value instanceof List<?> ids) {
            ids.stream().map(String::valueOf).filter(shown::contains).distinct().forEach(newOrder::add);
        }
        if (newOrder.size() < 2) {
            reopen();
            return;
        }
        layouts.save(viewer.username(), home().orElseThrow(), layout().reorder(newOrder));
        reopen();
    }

    /** Forgets the user's changes: the page shows the admins' layout again. */
    public void reset() throws IOException {
        if (isAvailable()) {
            layouts.reset(viewer.username(), home().orElseThrow());
            Messages.addFlashGlobalInfo("home.customise.reset.done");
        }
        reopen();
    }

    // ---- internals -----------------------------------------------------------------------------------------

    private void change(Optional<Widget> widget, java.util.function.UnaryOperator<PersonalLayout> change)
            throws IOException {
        if (!isAvailable()) {
            reopen();
            return;
        }
        if (widget.isEmpty()) {
            Messages.addFlashGlobalError("home.customise.gone");
        } else {
            layouts.save(viewer.username(), home().orElseThrow(), change.apply(layout()));
        }
        reopen();
    }

    /** Loads the home page again with the dialog open: the grid is built from the layout as it is now. */
    private static void reopen() throws IOException {
        Faces.redirect("home.xhtml?" + OPEN + "=true");
    }

    private Optional<PortalPage> home() {
        if (home == null) {
            home = pages.visiblePage(PortalPage.HOME, viewer.roles()).orElse(null);
        }
        return Optional.ofNullable(home);
    }

    private List<Widget> offered() {
        if (offered == null) {
            offered = home().map(page -> pages.offered(page, viewer.roles())).orElse(List.of());
        }
        return offered;
    }

    private PersonalLayout layout() {
        if (layout == null) {
            layout = viewer.username().isEmpty() ? PersonalLayout.NONE
                    : layouts.of(viewer.username(), PortalPage.HOME);
        }
        return layout;
    }

    private Choice choice(Widget widget) {
        String kind = Texts.format(Faces.getLocale(), "page.kind." + widget.kind().id());
        return new Choice(widget.id(), widget.title().isBlank() ? kind : widget.title(), kind, widget.optional());
    }
}
