package org.portico.web.widget;

import static org.portico.web.json.Jsons.JSON;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.portico.web.app.DemoApps;
import org.portico.web.database.DatabaseMigrations;
import org.portico.web.page.PageInfo;
import org.portico.web.page.PageJson;
import org.portico.web.page.PageRejectedException;
import org.portico.web.page.PageService;
import org.portico.web.page.PortalPage;
import org.portico.web.problem.FieldMessage;
import org.portico.web.proxy.ProxyOrigins;
import org.portico.web.proxy.ProxySettings;
import org.portico.web.settings.PorticoIssuer;

/**
 * Composes the demo pages when {@code portico.demo.enabled} is true, after the demo users, app and routes: a home page
 * with every kind of widget (the welcome block, an app tile, a data tile of the demo app's invoices, the demo app in a
 * pane, deep links to try, an administration tile for site admins and an optional tile users may add), a page for
 * guests and an invoices page. They come from {@code demo-pages.json}, an export file like any other, imported through
 * {@link PageService#importPages}: the same checks as an admin's import. The home page is replaced only while it is
 * still the one a fresh installation starts with; pages that exist are left as they are.
 */
@ApplicationScoped
public class DemoPages {

    static final String FILE = "demo-pages.json";
    /** The home page's pane of the demo app through Portico's proxy: only where proxied apps are served. */
    static final String PROXIED_PANE = "demo-proxied";
    /** Who the demo data's versions name as their author. */
    static final String AUTHOR = "portico";

    private static final Logger LOG = Logger.getLogger(DemoPages.class.getName());

    @Inject
    @ConfigProperty(name = "portico.demo.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    PageService pages;

    @Inject
    PorticoIssuer issuer;

    @Inject
    ProxySettings proxy;

    void onStart(@Observes @Priority(DatabaseMigrations.PRIORITY + 40) @Initialized(ApplicationScoped.class) Object event) {
        if (!enabled) {
            return;
        }
        List<PortalPage> missing = demoPages(issuer, proxy.origins()).stream().filter(this::wanted).toList();
        if (missing.isEmpty()) {
            return;
        }
        try {
            pages.importPages(missing, false, AUTHOR);
            LOG.info(() -> "Composed the demo pages " + missing.stream().map(PortalPage::slug).toList());
        } catch (PageRejectedException e) {
            LOG.warning(() -> "Demo pages not composed: " + e.getMessage());
        }
    }

    /** A page of the demo data is written when there is none, or when it is the home page as V16 created it. */
    private boolean wanted(PortalPage page) {
        return pages.find(page.slug()).map(DemoPages::untouchedHome).orElse(true);
    }

    private static boolean untouchedHome(PageInfo info) {
        return info.page().isHome() && info.revision() == 0 && AUTHOR.equals(info.updatedBy());
    }

    /** The demo pages for Portico at {@code issuer}: the demo app beside it, framed under the other loopback name. */
    static List<PortalPage> demoPages(PorticoIssuer issuer) {
        return demoPages(issuer, Optional.empty());
    }

    /**
     * The demo pages for Portico at {@code issuer}; with a proxy origin, the home page also shows the demo app through
     * Portico's reverse proxy ({@code /apps/demo-app/} there), else that pane is left out.
     */
    static List<PortalPage> demoPages(PorticoIssuer issuer, Optional<ProxyOrigins> proxy) {
        String demoApp = issuer.resolve(DemoApps.PATH);
        String framed = DemoApps.otherLoopbackBase(issuer).orElse(demoApp);
        String json;
        try (InputStream in = DemoPages.class.getResourceAsStream(FILE)) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${demoAppProxied}", proxy.map(origins -> origins.url(DemoApps.ID, "")).orElse(""))
                    .replace("${demoAppFramed}", framed).replace("${demoApp}", demoApp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<PortalPage> result = new ArrayList<>();
        List<FieldMessage> problems = new ArrayList<>();
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            for (JsonValue page : reader.readObject().getJsonArray("pages")) {
                JsonObject object = (JsonObject) page;
                if (proxy.isEmpty()) {
                    object = JSON.createObjectBuilder(object).add("widgets", JSON.createArrayBuilder(
                            object.getJsonArray("widgets").stream().filter(widget -> !PROXIED_PANE.equals(
                                    ((JsonObject) widget).getString("id", null))).toList())).build();
                }
                result.add(PageJson.read(object, problems));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(FILE + " does not read as pages: " + problems);
        }
        return result;
    }
}
