package org.portico.web.widget;

import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.portico.deeplink.app.AppDirectory;
import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.app.ClientSecret;
import org.portico.deeplink.link.LinkRoute;
import org.portico.deeplink.link.LinkRoutes;
import org.portico.deeplink.link.LinkWindow;
import org.portico.deeplink.link.ParameterType;
import org.portico.deeplink.link.RouteParameter;
import org.portico.deeplink.link.RouteTarget;
import org.portico.web.problem.FieldMessage;

/**
 * In-memory app and route directories for the widget kinds' tests: the demo app with the demo routes, which a test
 * disables, deletes or changes as an admin would. Enabled apps only, like the real {@link AppDirectory}.
 */
final class Directories implements AppDirectory, LinkRoutes {

    static final ClientSecret SECRET = ClientSecret.hashOf("s".repeat(16) + "0123456789abcdefXYZ",
            ClientSecret.MIN_ITERATIONS);

    static final AppRegistration DEMO_APP = app("demo-app", "Demo app", "http://localhost:8080/demo-app");
    static final AppRegistration BILLING = app("billing", "Billing", "https://billing.example/app");

    static final LinkRoute INVOICE = LinkRoute.builder("invoice")
            .parameter(RouteParameter.of("id", ParameterType.INT))
            .target(new RouteTarget.AppUrl("demo-app", "http://localhost:8080/demo-app/invoice/{id}")).build();
    static final LinkRoute CUSTOMER = LinkRoute.builder("customer")
            .parameter(RouteParameter.of("id", ParameterType.UUID)).window(LinkWindow.NEW_TAB)
            .target(new RouteTarget.AppUrl("demo-app", "http://localhost:8080/demo-app/customer/{id}")).build();
    static final LinkRoute OFFER = LinkRoute.builder("welcome-offer").oneTime(true)
            .target(new RouteTarget.AppUrl("demo-app", "http://localhost:8080/demo-app/offer")).build();
    static final LinkRoute ADMIN_REPORT = LinkRoute.builder("admin-report").roles("site-admin")
            .target(new RouteTarget.PortalPage("/admin/users.xhtml")).build();

    final Map<String, AppRegistration> apps = new ConcurrentHashMap<>();
    final Map<String, LinkRoute> routes = new ConcurrentHashMap<>();

    Directories() {
        List.of(DEMO_APP, BILLING).forEach(app -> apps.put(app.id(), app));
        List.of(INVOICE, CUSTOMER, OFFER, ADMIN_REPORT).forEach(route -> routes.put(route.name(), route));
    }

    static AppRegistration app(String id, String name, String baseUrl) {
        return AppRegistration.builder(id).name(name).baseUrl(baseUrl).audience(id).clientAuthentication(SECRET)
                .build();
    }

    /** The widget links over these directories. */
    WidgetLinks links() {
        return new WidgetLinks(this, this);
    }

    @Override
    public Optional<AppRegistration> findById(String id) {
        return Optional.ofNullable(apps.get(id));
    }

    @Override
    public Optional<AppRegistration> findByAudience(String audience) {
        return apps.values().stream().filter(app -> app.audience().equals(audience)).findFirst();
    }

    @Override
    public Optional<LinkRoute> find(String name) {
        return Optional.ofNullable(routes.get(name));
    }

    /** JSON with single quotes for readability: {@code json("{'app': 'demo-app'}")}. */
    static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text.replace('\'', '"')))) {
            return reader.readObject();
        }
    }

    /** Each problem as "field: key", in order. */
    static List<String> fieldsAndKeys(List<FieldMessage> problems) {
        return problems.stream().map(p -> p.field() + ": " + p.key()).toList();
    }

    /** Whether every message has a text in English and in German (no missing key). */
    static boolean saidInBothLanguages(List<FieldMessage> problems) {
        return problems.stream().allMatch(p -> !p.message(Locale.ENGLISH).contains("???")
                && !p.message(Locale.GERMAN).contains("???"));
    }
}
