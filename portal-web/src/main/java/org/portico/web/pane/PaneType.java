package org.portico.web.pane;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import org.portico.cdn.tag.CacheTag;
import org.portico.deeplink.redirect.AppBaseUrl;
import org.portico.deeplink.redirect.RedirectGuard;
import org.portico.web.proxy.ProxySettings;
import org.portico.web.app.AppRules;
import org.portico.web.app.AppService;
import org.portico.web.app.AppsChanged;
import org.portico.web.app.RegisteredApp;
import org.portico.web.app.SandboxFlag;
import org.portico.web.cluster.Topics;
import org.portico.web.cluster.TopicsChanged;
import org.portico.web.edge.PorticoTags;
import org.portico.web.page.WidgetKind;
import org.portico.web.page.WidgetType;
import org.portico.web.problem.FieldMessage;
import org.portico.web.settings.PorticoIssuer;

/**
 * The embedded app pane ({@code app-pane}): an app's page in an iframe, sandboxed with exactly the flags the app's
 * registration allows, which receives a token for the app through the pane handshake ({@code js/pane.js},
 * {@code POST /api/panes/{widgetId}/token}). A pane needs an enabled app that may be framed and a URL under one of its
 * base URLs; a pane on Portico's own origin may not run scripts with its origin (it could lift its sandbox and act
 * as Portico). The same conditions decide, at every request, whether the pane is still shown and gets tokens.
 * Thread-safe.
 */
@ApplicationScoped
public class PaneType implements WidgetType {

    @Inject
    AppService apps;

    @Inject
    PorticoIssuer portico;

    /** Where proxied apps are served: a proxied app's pane may show its pages there ({@code /apps/{id}/…}). */
    @Inject
    ProxySettings proxy;

    /**
     * The frame of each pane's settings, asked on every page view that shows the pane (and by the token endpoint):
     * from memory until an app changes, not from the database each time. Bounded; pages hold a few dozen panes.
     */
    private final Cache<JsonObject, Optional<PaneFrame>> frames = Caffeine.newBuilder().maximumSize(1_000).build();

    public PaneType() {
        // for CDI
    }

    /** For tests. */
    PaneType(AppService apps, PorticoIssuer portico) {
        this.apps = apps;
        this.portico = portico;
    }

    @Override
    public WidgetKind kind() {
        return WidgetKind.APP_PANE;
    }

    @Override
    public List<FieldMessage> check(JsonObject settings) {
        List<FieldMessage> errors = new ArrayList<>();
        PaneSettings.read(settings, errors);
        // The app's and the URL's problems are worth telling even when another key is wrong as well.
        String appId = PaneSettings.string(settings, PaneSettings.APP);
        String url = PaneSettings.string(settings, PaneSettings.URL);
        Optional<RegisteredApp> app = appId == null || appId.isBlank() ? Optional.empty() : apps.findById(appId.strip());
        if (appId != null && !appId.isBlank()) {
            if (app.isEmpty()) {
                errors.add(FieldMessage.of(PaneSettings.APP, "pane.problem.app.unknown", AppRules.printable(appId)));
            } else if (!app.get().isEnabled()) {
                errors.add(FieldMessage.of(PaneSettings.APP, "pane.problem.app.disabled", app.get().getId()));
            } else if (!app.get().isMayBeFramed()) {
                errors.add(FieldMessage.of(PaneSettings.APP, "pane.problem.app.not-framed", app.get().getId()));
            }
        }
        if (url != null && !url.isBlank() && app.isPresent()) {
            Optional<URI> target = target(app.get(), url.strip());
            if (target.isEmpty()) {
                errors.add(FieldMessage.of(PaneSettings.URL, "pane.problem.url.outside", app.get().getId(),
                        String.join(", ", app.get().getBaseUrls()), AppRules.printable(url)));
            } else if (liftsItsSandbox(app.get(), target.get())) {
                errors.add(FieldMessage.of(PaneSettings.URL, "pane.problem.url.same-origin", portico.origin(),
                        app.get().getId()));
            }
        }
        return List.copyOf(errors);
    }

    @Override
    public boolean available(JsonObject settings) {
        try {
            return frame(settings).isPresent();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The pane's app. */
    @Override
    public Set<CacheTag> cacheTags(JsonObject settings) {
        String app = PaneSettings.string(settings, PaneSettings.APP);
        return app == null || app.isBlank() ? Set.of() : Set.of(PorticoTags.app(app.strip()));
    }

    @Override
    public Set<String> frameOrigins(JsonObject settings) {
        try {
            return frame(settings).map(frame -> proxied(frame) ? Set.of(frame.origin(), portico.origin())
                    : Set.of(frame.origin())).orElse(Set.of());
        } catch (RuntimeException e) {
            return Set.of();
        }
    }

    /**
     * What the page shows for a pane with these settings, or empty when it may not be shown now: the app is gone,
     * disabled or no longer frameable, or the URL no longer lies under its base URLs.
     */
    public Optional<PaneFrame> frame(JsonObject settings) {
        return frames.get(settings, this::frameNow);
    }

    /** Forgets the frames once a change of an app is committed (its framing, sandbox or base URLs may be new). */
    void forget(@Observes(during = TransactionPhase.AFTER_COMPLETION) AppsChanged event) {
        frames.invalidateAll();
    }

    private Optional<PaneFrame> frameNow(JsonObject settings) {
        Optional<PaneSettings> read = PaneSettings.read(settings);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        Optional<RegisteredApp> app = apps.findById(read.get().app())
                .filter(found -> found.isEnabled() && found.isMayBeFramed());
        if (app.isEmpty()) {
            return Optional.empty();
        }
        Optional<URI> target = target(app.get(), read.get().url());
        if (target.isEmpty() || liftsItsSandbox(app.get(), target.get())) {
            return Optional.empty();
        }
        String src = target.get().toString();
        return PaneSettings.originOf(src).map(origin -> new PaneFrame(src, origin, app.get().getSandbox(),
                read.get().height(), app.get().getId(), app.get().getName()));
    }

    /**
     * The URL, normalised, when it lies under one of the app's base URLs ({@link RedirectGuard}'s rules) or, for a
     * proxied app, under its prefix on its proxy origin.
     */
    private Optional<URI> target(RegisteredApp app, String url) {
        List<AppBaseUrl> bases = new ArrayList<>();
        for (String base : app.getBaseUrls()) {
            bases.add(AppBaseUrl.parse(base));
        }
        if (app.isProxied() && proxy != null) {
            proxy.origins().ifPresent(origins -> bases.add(AppBaseUrl.parse(origins.url(app.getId(), ""))));
        }
        return new RedirectGuard(bases).findAppTarget(url)
                .filter(uri -> uri.getScheme() != null && uri.getScheme().matches("https?"));
    }

    /**
     * Whether the pane shows a proxied app on its proxy origin: its frame passes through Portico's own origin first
     * (without a proxy session there, the proxy sends the frame to Portico's hop page), so the page must allow both.
     */
    private boolean proxied(PaneFrame frame) {
        return proxy != null && proxy.origins().map(origins -> origins.origin(frame.appId()).equals(frame.origin()))
                .orElse(false);
    }

    /** A frame on Portico's origin that runs scripts and keeps its origin can remove its own sandbox. */
    private boolean liftsItsSandbox(RegisteredApp app, URI target) {
        Set<SandboxFlag> flags = app.getSandboxFlags();
        return flags.contains(SandboxFlag.ALLOW_SCRIPTS) && flags.contains(SandboxFlag.ALLOW_SAME_ORIGIN)
                && PaneSettings.originOf(target.toString()).map(portico.origin()::equals).orElse(false);
    }

    /** An app changed on some node: forget what is cached of apps (within a second on every node). */
    void forgetChangedElsewhere(@Observes(notifyObserver = Reception.IF_EXISTS) TopicsChanged change) {
        if (change.has(Topics.APPS)) {
            frames.invalidateAll();
        }
    }
}
