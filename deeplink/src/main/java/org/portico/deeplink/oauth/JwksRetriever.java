package org.portico.deeplink.oauth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.portico.deeplink.oauth.InternalAddresses.HostResolver;

import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;

/**
 * Fetches an app's JWKS for Nimbus' {@code JWKSourceBuilder}: the URL an admin registered, and nothing else.
 *
 * <ul>
 *   <li>Redirects are not followed ({@link HttpClient.Redirect#NEVER}): any answer but 200 is a failure, so a JWKS
 *   host cannot bounce Portico to an address it would refuse.</li>
 *   <li>Before every fetch the host is resolved and every address checked with {@link InternalAddresses}: an internal
 *   address is refused unless the app's registration allows an internal JWKS host. Checking at fetch time (not only
 *   when the app is saved) covers a DNS name that points elsewhere later (DNS rebinding). The HTTP client resolves
 *   the name again right after; the JVM's address cache ({@code networkaddress.cache.ttl}, 30 s by default) gives it
 *   the answer just checked.</li>
 *   <li>Bounded: connect and read time-outs, and a size limit on the body.</li>
 * </ul>
 *
 * <p>Thread-safe. The HTTP client is the caller's ({@link #httpClient()} makes a suitable one), to share between
 * retrievers and to drop with them: a client kept in a static field would keep its selector thread, and with it the
 * class loader of a redeployed application, alive forever.
 */
public final class JwksRetriever implements ResourceRetriever {

    /** Time-out for connecting and for the whole answer. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    /** Largest JWKS accepted: a few dozen keys. */
    public static final int DEFAULT_SIZE_LIMIT = 64 * 1024;

    private final boolean internalHostAllowed;
    private final Duration timeout;
    private final int sizeLimit;
    private final HostResolver resolver;
    private final HttpClient http;

    /**
     * @param internalHostAllowed whether the admin allowed this app's JWKS on an internal host (loopback, private
     *                            network…); false for every app unless set explicitly
     */
    public JwksRetriever(boolean internalHostAllowed, Duration timeout, int sizeLimit, HostResolver resolver,
                         HttpClient http) {
        this.internalHostAllowed = internalHostAllowed;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.sizeLimit = sizeLimit;
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.http = Objects.requireNonNull(http, "http");
    }

    /** A retriever with the default limits and the JVM's resolver, fetching with {@code http}. */
    public static JwksRetriever of(boolean internalHostAllowed, HttpClient http) {
        return new JwksRetriever(internalHostAllowed, DEFAULT_TIMEOUT, DEFAULT_SIZE_LIMIT, HostResolver.SYSTEM, http);
    }

    /** An HTTP client as retrievers need it: no redirects followed, the default connect time-out. */
    public static HttpClient httpClient() {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(DEFAULT_TIMEOUT).build();
    }

    /**
     * @throws IOException when the URL is not http(s), its host is internal (and not allowed), or the fetch fails,
     *                     takes longer than the time-out, answers anything but 200 (a redirect, too), or is larger
     *                     than the size limit
     */
    @Override
    public Resource retrieveResource(URL url) throws IOException {
        String scheme = url.getProtocol().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IOException("JWKS URL " + url + " is not http(s)");
        }
        if (!internalHostAllowed) {
            Optional<InetAddress> internal = InternalAddresses.findInternal(url.getHost(), resolver);
            if (internal.isPresent()) {
                throw new IOException("JWKS host " + url.getHost() + " resolves to the internal address "
                        + internal.get().getHostAddress() + ", and the app does not allow an internal JWKS host");
            }
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(url.toURI()).timeout(timeout).header("Accept", "application/json").GET().build();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("JWKS URL " + url + " is not a valid URI", e);
        }
        HttpResponse<byte[]> response;
        var pending = http.sendAsync(request, info -> info.statusCode() == 200
                ? new LimitedBody(sizeLimit) : HttpResponse.BodySubscribers.replacing(new byte[0]));
        try {
            // One deadline for the whole answer, body included: a server that trickles bytes is cut off too.
            response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while fetching " + url);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new HttpTimeoutException("JWKS URL " + url + " did not answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("Fetching " + url + " failed", e.getCause());
        }
        if (response.statusCode() != 200) {
            throw new IOException("JWKS URL " + url + " answered " + response.statusCode()
                    + (response.statusCode() / 100 == 3 ? " (redirects are not followed)" : ""));
        }
        return new Resource(new String(response.body(), StandardCharsets.UTF_8),
                response.headers().firstValue("Content-Type").orElse(null));
    }

    /** Collects a body of at most {@code limit} bytes; a longer one fails the fetch and stops the download. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        LimitedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + buffer.remaining() > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new IOException("the JWKS is larger than " + limit + " bytes"));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable failure) {
            result.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
