package org.portico.web.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.ServletContext;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;

import org.portico.deeplink.token.AccessToken;
import org.portico.deeplink.token.UserIdentity;
import org.portico.web.proxy.ProxyGateway.ProxiedApp;
import org.portico.web.proxy.ProxyOrigins.ProxyHost;
import org.portico.web.proxy.ProxySessions.Hop;
import org.portico.web.proxy.ProxySessions.Opened;
import org.portico.web.proxy.ProxySessions.ProxySession;

/**
 * The reverse proxy for proxied apps, ahead of the servlet chain: a request whose {@code Host} is a proxy origin
 * ({@link ProxyOrigins}) never reaches Portico's servlets, filters or session — on a proxy origin only
 * {@code /apps/{id}/…} of the app that origin belongs to answers, everything else is 404. Registered as an Undertow
 * {@link ServletExtension} ({@code META-INF/services}, after the asset handler so that it wraps it); it answers once
 * the application has started and handed over its {@link ProxyGateway}.
 *
 * <ul>
 * <li>{@code POST /apps/{id}/_portico/hop}: the ticket from Portico's hop page ({@link ProxyHopServlet}) in the form
 * body, from Portico's origin only; redeemed once, it opens a proxy session, sets the HttpOnly cookie
 * {@value ProxyHeaders#COOKIE} on the app's path and sends the browser on to its target (303).</li>
 * <li>Anything else under {@code /apps/{id}/}: with a live proxy session of an enabled user, passed to Undertow's
 * {@code ProxyHandler} for the app's upstream with the user's access token as {@code Authorization: Bearer}, without
 * the browser's {@code Authorization}, the proxy cookie, hop-by-hop and forged forwarding headers, with RFC 7239
 * {@code Forwarded}; the answer streams back with {@code Location} and {@code Set-Cookie} moved under the app's path.
 * Without a session, a GET goes to Portico's {@code /apps/{id}/…}, which logs a guest in and hops back.</li>
 * </ul>
 * Upstream down or silent: a 502 page. A body larger than {@code portico.proxy.max-body-mb}: 413 before it is read.
 */
public class ProxyExtension implements ServletExtension {

    /** The started application's gateway, null before it starts and after it stops. One per deployment. */
    private static volatile ProxyGateway started;

    private static final String APPS = "/apps/";
    private static final String HOP = "_portico/hop";
    private static final String LANDED = "_portico/landed";
    private static final int MAX_HOP_BODY = 1024;
    /** The largest body of a request to Portico itself: WildFly's default max-post-size, 10 MiB. */
    static final long PORTICO_MAX_BODY = 10L * 1024 * 1024;
    private static final HttpString FORWARDED = HttpString.tryFromString("Forwarded");
    private static final HttpString CSP = HttpString.tryFromString("Content-Security-Policy");
    private static final HttpString NOSNIFF = HttpString.tryFromString("X-Content-Type-Options");
    private static final HttpString REFERRER_POLICY = HttpString.tryFromString("Referrer-Policy");

    /** Starts (a gateway) or stops (null) serving proxied apps. */
    static void serve(ProxyGateway gateway) {
        started = gateway;
    }

    @Override
    public void handleDeployment(DeploymentInfo deploymentInfo, ServletContext servletContext) {
        ClassLoader classLoader = deploymentInfo.getClassLoader();
        deploymentInfo.addInitialHandlerChainWrapper(next -> new Handler(next, classLoader));
    }

    private record Handler(HttpHandler next, ClassLoader classLoader) implements HttpHandler {

        @Override
        public void handleRequest(HttpServerExchange exchange) throws Exception {
            ProxyGateway gateway = started;
            Optional<ProxyHost> host = gateway == null ? Optional.empty() : gateway.origins()
                    .flatMap(origins -> origins.match(exchange.getHostName()));
            if (host.isEmpty()) {
                // Portico's own request: the listener lets bodies up to 10 GiB through for proxied apps
                // (configure-proxy-bodies.cli); Portico keeps WildFly's default cap, answered as WildFly did.
                if (exchange.getRequestContentLength() > PORTICO_MAX_BODY) {
                    exchange.setPersistent(false);
                    exchange.setStatusCode(400);
                    exchange.endExchange();
                    return;
                }
                exchange.setMaxEntitySize(PORTICO_MAX_BODY);
                next.handleRequest(exchange);
                return;
            }
            if (exchange.isInIoThread()) {
                // Sessions, users and tokens come from the database: a worker thread asks.
                exchange.dispatch(this);
                return;
            }
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(classLoader);
            try {
                new ProxyRequest(gateway, host.get(), exchange).handle();
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
    }

    /** One request on a proxy origin: a ladder of refusals, then the hop or the proxy. */
    private static final class ProxyRequest {

        private final ProxyGateway gateway;
        private final ProxyHost host;
        private final HttpServerExchange exchange;
        private final String porticoUrl;

        ProxyRequest(ProxyGateway gateway, ProxyHost host, HttpServerExchange exchange) {
            this.gateway = gateway;
            this.host = host;
            this.exchange = exchange;
            this.porticoUrl = gateway.settings().porticoUrl();
        }

        void handle() throws Exception {
            String raw = rawPath();
            if (raw.equals("/favicon.ico")) {
                // What a browser asks of every origin for a page that names no icon: nothing, rather than a 404 in
                // the console of each proxied page. An app's own icon lives under its prefix, named by its pages.
                exchange.setStatusCode(204);
                exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "public, max-age=86400");
                exchange.endExchange();
                return;
            }
            if (!raw.startsWith(APPS)) {
                page(404, ProxyPages.notFound(porticoUrl));
                return;
            }
            int slash = raw.indexOf('/', APPS.length());
            String appId = slash < 0 ? raw.substring(APPS.length()) : raw.substring(APPS.length(), slash);
            Optional<ProxiedApp> found = host.serves(appId) ? gateway.app(appId) : Optional.empty();
            if (found.isEmpty() || !ProxyHeaders.safePath(raw)) {
                page(404, ProxyPages.notFound(porticoUrl));
                return;
            }
            ProxiedApp app = found.get();
            if (slash < 0) {
                redirect(ProxyOrigins.prefix(appId) + query());
                return;
            }
            String rest = raw.substring(slash + 1);
            if (rest.equals(HOP)) {
                hop(app);
                return;
            }
            if (rest.startsWith(LANDED + "?") || rest.equals(LANDED)) {
                landed(app);
                return;
            }
            proxy(app, rest);
        }

        /** The request's path as the browser sent it (encoded), without query. */
        private String rawPath() {
            String uri = exchange.getRequestURI();
            if (exchange.isHostIncludedInRequestURI()) {
                int start = uri.indexOf("//");
                int path = start < 0 ? -1 : uri.indexOf('/', start + 2);
                uri = path < 0 ? "/" : uri.substring(path);
            }
            return uri;
        }

        private String query() {
            String query = exchange.getQueryString();
            return query == null || query.isEmpty() ? "" : "?" + query;
        }

        private void hop(ProxiedApp app) throws IOException {
            HeaderMap headers = exchange.getRequestHeaders();
            if (!exchange.getRequestMethod().equals(Methods.POST)) {
                exchange.getResponseHeaders().put(Headers.ALLOW, "POST");
                page(405, ProxyPages.hopRefused(porticoUrl));
                return;
            }
            String contentType = headers.getFirst(Headers.CONTENT_TYPE);
            if (!gateway.settings().porticoOrigin().equals(headers.getFirst(Headers.ORIGIN))
                    || contentType == null || !contentType.toLowerCase(Locale.ROOT)
                    .startsWith("application/x-www-form-urlencoded")) {
                page(403, ProxyPages.hopRefused(porticoUrl));
                return;
            }
            if (exchange.getRequestContentLength() > MAX_HOP_BODY) {
                page(413, ProxyPages.hopRefused(porticoUrl));
                return;
            }
            exchange.startBlocking();
            byte[] body;
            try (InputStream in = exchange.getInputStream()) {
                body = in.readNBytes(MAX_HOP_BODY + 1);
            }
            if (body.length > MAX_HOP_BODY) {
                page(413, ProxyPages.hopRefused(porticoUrl));
                return;
            }
            Optional<Hop> hop = ticket(new String(body, StandardCharsets.US_ASCII))
                    .flatMap(ticket -> gateway.sessions().redeem(ticket, app.id()));
            if (hop.isEmpty()) {
                page(403, ProxyPages.hopRefused(porticoUrl));
                return;
            }
            Opened opened = gateway.sessions().open(hop.get());
            exchange.getResponseHeaders().add(Headers.SET_COOKIE, ProxyHeaders.sessionCookie(opened.cookieValue(),
                    ProxyOrigins.prefix(app.id()), opened.maxAge(), exchange.getRequestScheme(),
                    exchange.getHostName()));
            // Via the landing check, not straight to the target: a browser that refused the cookie (an embedded
            // frame where third-party cookies are blocked) would otherwise hop in a loop.
            redirect(ProxyOrigins.prefix(app.id()) + LANDED + "?to="
                    + URLEncoder.encode(hop.get().target(), StandardCharsets.UTF_8));
        }

        /** After the hop: on to the target when the browser kept the cookie, else a page that says so. */
        private void landed(ProxiedApp app) {
            String target = Optional.ofNullable(exchange.getQueryParameters().get("to"))
                    .map(values -> values.peekFirst()).orElse("");
            boolean kept = ProxyHeaders.proxyCookie(joined(exchange.getRequestHeaders().get(Headers.COOKIE)))
                    .flatMap(value -> gateway.sessions().find(value, app.id())).isPresent();
            if (!kept || target.startsWith("/") || target.contains("\\") || target.length() > ProxySessions.MAX_TARGET) {
                page(403, ProxyPages.cookieRefused(app.registration().name(), porticoUrl));
                return;
            }
            redirect(ProxyOrigins.prefix(app.id()) + target);
        }

        private static Optional<String> ticket(String form) {
            for (String pair : form.split("&")) {
                if (pair.startsWith("ticket=")) {
                    try {
                        return Optional.of(URLDecoder.decode(pair.substring("ticket=".length()), StandardCharsets.UTF_8));
                    } catch (IllegalArgumentException e) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.empty();
        }

        private void proxy(ProxiedApp app, String rest) throws Exception {
            HeaderMap headers = exchange.getRequestHeaders();
            Optional<String> cookie = ProxyHeaders.proxyCookie(joined(headers.get(Headers.COOKIE)));
            Optional<ProxySession> session = cookie.flatMap(value -> gateway.sessions().find(value, app.id()));
            Optional<UserIdentity> user = session.flatMap(gateway::user);
            if (user.isEmpty()) {
                HttpString method = exchange.getRequestMethod();
                if (method.equals(Methods.GET) || method.equals(Methods.HEAD)) {
                    // Portico's own /apps/{id}/…: logs a guest in, then hops back here.
                    redirect(porticoUrl + ProxyOrigins.prefix(app.id()) + rest + query());
                } else {
                    page(403, ProxyPages.sessionEnded(porticoUrl));
                }
                return;
            }
            boolean webSocket = ProxyHeaders.isWebSocketUpgrade(headers.getFirst(Headers.UPGRADE),
                    headers.getFirst(Headers.CONNECTION));
            // A WebSocket handshake is a GET that no CORS rule guards: another site's page could open one with the
            // user's cookie and read every message. So it must come from the app's own origin, like a POST.
            if ((!safeMethod() || webSocket) && !sameOrigin(app)) {
                page(403, ProxyPages.crossSite(porticoUrl));
                return;
            }
            long max = gateway.settings().maxBody();
            if (exchange.getRequestContentLength() > max) {
                exchange.setPersistent(false);
                page(413, ProxyPages.tooLarge(max, porticoUrl));
                return;
            }
            exchange.setMaxEntitySize(max);
            AccessToken token = gateway.token(cookie.get(), session.get(), user.get(), app);
            prepareRequest(headers, token);
            ProxyOrigins origins = gateway.origins().orElseThrow();
            String prefixUrl = origins.url(app.id(), "");
            String appPath = ProxyOrigins.prefix(app.id());
            String upstream = app.upstream().replaceAll("/+$", "");
            exchange.addResponseCommitListener(ex -> rewriteResponse(ex, upstream, prefixUrl, appPath));
            String appName = app.registration().name();
            exchange.addDefaultResponseListener(ex -> {
                int status = ex.getStatusCode();
                if (ex.isResponseStarted() || status != 503 && status != 504) {
                    return false;
                }
                ex.getResponseHeaders().clear();
                sendPage(ex, 502, ProxyPages.upstreamDown(appName, porticoUrl));
                return true;
            });
            // Undertow's handler passes on what follows the resolved path: /apps/{id}/x → {upstream}/x.
            exchange.setResolvedPath(APPS + app.id());
            app.handler().handleRequest(exchange);
        }

        private boolean safeMethod() {
            HttpString method = exchange.getRequestMethod();
            return method.equals(Methods.GET) || method.equals(Methods.HEAD) || method.equals(Methods.OPTIONS);
        }

        /**
         * Whether an unsafe request comes from the app's own pages: {@code Origin} is the app's proxy origin, or it is
         * absent or {@code null} with {@code Sec-Fetch-Site: same-origin}. Another site's form or script cannot act as
         * the user through the proxy.
         */
        private boolean sameOrigin(ProxiedApp app) {
            String own = gateway.origins().orElseThrow().origin(app.id());
            String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
            String site = exchange.getRequestHeaders().getFirst("Sec-Fetch-Site");
            if (origin != null && !origin.equals("null")) {
                return origin.equals(own);
            }
            // No Origin, or the opaque "null" of a page with Referrer-Policy: no-referrer: the browser's
            // Sec-Fetch-Site decides; a client without either is no browser and carries no cookie of ours unless given.
            return site == null ? origin == null : site.equals("same-origin");
        }

        private void prepareRequest(HeaderMap headers, AccessToken token) {
            boolean webSocket = ProxyHeaders.isWebSocketUpgrade(headers.getFirst(Headers.UPGRADE),
                    headers.getFirst(Headers.CONNECTION));
            List<HttpString> names = new ArrayList<>(headers.getHeaderNames());
            if (!webSocket && headers.contains(Headers.CONNECTION)) {
                // Headers the client named as hop-by-hop in Connection stay behind too.
                for (String value : headers.get(Headers.CONNECTION)) {
                    for (String name : value.split(",")) {
                        if (!name.isBlank()) {
                            headers.remove(name.strip());
                        }
                    }
                }
            }
            for (HttpString name : names) {
                if (ProxyHeaders.dropRequestHeader(name.toString(), webSocket)) {
                    headers.remove(name);
                }
            }
            Optional<String> appCookies = ProxyHeaders.appCookies(joined(headers.get(Headers.COOKIE)));
            headers.remove(Headers.COOKIE);
            appCookies.ifPresent(value -> headers.put(Headers.COOKIE, value));
            headers.put(Headers.AUTHORIZATION, "Bearer " + token.value());
            InetSocketAddress client = exchange.getSourceAddress();
            String address = client == null || client.getAddress() == null ? "unknown"
                    : client.getAddress().getHostAddress();
            headers.put(FORWARDED, ProxyHeaders.forwarded(address, exchange.getHostAndPort(),
                    exchange.getRequestScheme()));
        }

        private static void rewriteResponse(HttpServerExchange exchange, String upstream, String prefixUrl,
                                            String appPath) {
            HeaderMap headers = exchange.getResponseHeaders();
            int status = exchange.getStatusCode();
            for (HttpString name : new ArrayList<>(headers.getHeaderNames())) {
                if (ProxyHeaders.dropResponseHeader(name.toString(), status)) {
                    headers.remove(name);
                }
            }
            String location = headers.getFirst(Headers.LOCATION);
            if (location != null) {
                headers.put(Headers.LOCATION, ProxyHeaders.location(location, upstream, prefixUrl));
            }
            HeaderValues cookies = headers.get(Headers.SET_COOKIE);
            if (cookies != null) {
                List<String> scoped = new ArrayList<>();
                for (String value : cookies) {
                    ProxyHeaders.setCookie(value, upstream, appPath).ifPresent(scoped::add);
                }
                headers.remove(Headers.SET_COOKIE);
                scoped.forEach(value -> headers.add(Headers.SET_COOKIE, value));
            }
        }

        private static String joined(HeaderValues values) {
            return values == null || values.isEmpty() ? null : String.join("; ", values);
        }

        private void redirect(String location) {
            exchange.setStatusCode(303);
            exchange.getResponseHeaders().put(Headers.LOCATION, location);
            exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
            exchange.endExchange();
        }

        private void page(int status, String html) {
            sendPage(exchange, status, html);
        }
    }

    /** A proxy page: HTML, no script, never cached, never framed. */
    static void sendPage(HttpServerExchange exchange, int status, String html) {
        exchange.setStatusCode(status);
        HeaderMap headers = exchange.getResponseHeaders();
        headers.put(Headers.CONTENT_TYPE, "text/html; charset=UTF-8");
        headers.put(Headers.CACHE_CONTROL, "no-store");
        headers.put(CSP, ProxyPages.CONTENT_SECURITY_POLICY);
        headers.put(NOSNIFF, "nosniff");
        headers.put(REFERRER_POLICY, "no-referrer");
        exchange.getResponseSender().send(html, StandardCharsets.UTF_8);
    }
}
