package org.portico.web.asset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.ServletContext;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.util.HttpString;

import org.portico.web.asset.ImmutableContentServlet.Content;

/**
 * Serves {@code /assets/} with Undertow's own API, ahead of the servlet chain: an asset request needs no session,
 * security check, CDI request context or filter, and each of those costs more than the answer itself (which is bytes
 * kept in memory). Registered as an Undertow {@link ServletExtension} ({@code META-INF/services}); the handler
 * answers once the application has started and hands the {@link AssetCatalogue} over ({@link #serve}); before that,
 * and for every other path, the request goes on to the servlets ({@link AssetServlet} has the same answers).
 *
 * <p>It adds what {@code SecurityHeadersFilter} would: {@code nosniff} (with the answer) and HSTS over TLS; the
 * other security headers concern pages.
 */
public class AssetHandler implements ServletExtension {

    /**
     * The started application's catalogue, null before it starts and after it stops. One per deployment: this class
     * is loaded by each deployment's own class loader.
     */
    private static volatile AssetCatalogue started;
    private static final String PREFIX = AssetServlet.PATH + "/";
    private static final HttpString ALLOW_ORIGIN = HttpString.tryFromString("Access-Control-Allow-Origin");
    private static final HttpString STRICT_TRANSPORT = HttpString.tryFromString("Strict-Transport-Security");

    /** Starts (a catalogue) or stops (null) serving the deployment's assets. */
    static void serve(AssetCatalogue catalogue) {
        started = catalogue;
    }

    @Override
    public void handleDeployment(DeploymentInfo deploymentInfo, ServletContext servletContext) {
        ClassLoader classLoader = deploymentInfo.getClassLoader();
        deploymentInfo.addInitialHandlerChainWrapper(next -> new Handler(next, classLoader));
    }

    /**
     * @param classLoader the deployment's, set as the thread's context class loader while answering: CDI's proxies of
     *                    the container's beans (the servlet context) find their deployment by it, and the servlet
     *                    chain that would set it is skipped
     */
    private record Handler(HttpHandler next, ClassLoader classLoader) implements HttpHandler {

        @Override
        public void handleRequest(HttpServerExchange exchange) throws Exception {
            AssetCatalogue catalogue = started;
            if (catalogue == null || !exchange.getRelativePath().startsWith(PREFIX)) {
                next.handleRequest(exchange);
                return;
            }
            String name = exchange.getRelativePath().substring(PREFIX.length());
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(classLoader);
            try {
                // An I/O thread answers what is in memory, compressed; reading or compressing an asset for the first
                // time (or a 404, which reads to find out) may take a moment: a worker thread does that.
                var ready = exchange.isInIoThread() ? catalogue.findReady(name) : Optional.<Content>empty();
                if (exchange.isInIoThread() && ready.isEmpty()) {
                    exchange.dispatch(this);
                    return;
                }
                if (exchange.isSecure()) {
                    exchange.getResponseHeaders().put(STRICT_TRANSPORT, "max-age=31536000; includeSubDomains");
                }
                ImmutableAnswer.answer(new UndertowExchange(exchange),
                        () -> ready.isPresent() ? ready : catalogue.find(name),
                        () -> exchange.getResponseHeaders().put(ALLOW_ORIGIN, "*"));
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
    }

    /** Undertow's exchange as the answer ladder's. */
    private record UndertowExchange(HttpServerExchange exchange) implements ImmutableAnswer.Exchange {

        @Override
        public String method() {
            return exchange.getRequestMethod().toString();
        }

        @Override
        public List<String> requestHeaders(String name) {
            var values = exchange.getRequestHeaders().get(name);
            return values == null ? List.of() : List.copyOf(values);
        }

        @Override
        public void status(int status) {
            exchange.setStatusCode(status);
        }

        @Override
        public void header(String name, String value) {
            exchange.getResponseHeaders().put(HttpString.tryFromString(name), value);
        }

        @Override
        public void send(ByteBuffer body) throws IOException {
            if (body.hasRemaining()) {
                exchange.getResponseSender().send(body);
            } else {
                exchange.endExchange();
            }
        }
    }
}
