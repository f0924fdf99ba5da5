package org.portico.web.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portico.web.it.ItSupport.json;
import static org.portico.web.it.ItSupport.unique;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.portico.web.media.TestImages;

/**
 * Private CMS media and signed expiring URLs on the wire (issue 12): eddie uploads an image as private; it is not
 * served at its public URL (404, to guests and editors alike) and not on a guest's page; alice's page shows it through
 * a signed URL in CloudFront's format that Portico's origin serves (200, cached no longer than the URL lives, 304 on
 * revalidation), while an expired, altered or foreign-key URL gets 403 ({@code no-store}). An expired URL is signed
 * by a test servlet with Portico's own key ({@link SignedUrlServlet}): the server has no fake clock.
 */
class SignedMediaIT extends ApiTestBase {

    private static final String BOUNDARY = "portico-it-boundary-5e2a";
    /** The default lifetime and rounding: PT10M rounded up to PT5M, so a URL lives at most 15 minutes. */
    private static final long LONGEST = 15 * 60;
    private static final Pattern SIGNED_SRC = Pattern.compile("src=\"([^\"]*/media/([0-9a-f]{64})\\.png\\?[^\"]*)\"");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.portico().addClass(SignedUrlServlet.class);
    }

    private HttpClient eddie;

    @BeforeEach
    void loginEddie() throws Exception {
        eddie = FormLogin.loggedIn(root(), "eddie", "portico-demo");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static byte[] newPng() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return TestImages.drawn("png", 30 + random.nextInt(2000), 12 + random.nextInt(50), new Color(random.nextInt()));
    }

    /** Uploads an image, private or not, as the editor's image button does (multipart: file and private). */
    private HttpResponse<String> upload(byte[] png, boolean privateFile) throws IOException, InterruptedException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"plan.png\""
                + "\r\nContent-Type: image/png\r\n\r\n").getBytes(UTF_8));
        body.writeBytes(png);
        body.writeBytes(("\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"private\"\r\n\r\n"
                + privateFile + "\r\n--" + BOUNDARY + "--\r\n").getBytes(UTF_8));
        return eddie.send(HttpRequest.newBuilder(URI.create(root() + "/api/cms/media"))
                .header("Accept", "application/json")
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** GET of an absolute URL (a signed one) or a path of the deployment. */
    private HttpResponse<byte[]> fetch(HttpClient client, String url, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : root() + url));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse("");
    }

    /** The seconds of {@code private, max-age=N}, or -1 for another Cache-Control. */
    private static long privateMaxAge(HttpResponse<?> response) {
        Matcher maxAge = Pattern.compile("private, max-age=(\\d+)").matcher(header(response, "Cache-Control"));
        return maxAge.matches() ? Long.parseLong(maxAge.group(1)) : -1;
    }

    /** The image's URL signed by Portico's key until {@code expires}, through the test servlet. */
    private String signedUntil(String path, Instant expires) throws IOException, InterruptedException {
        HttpResponse<String> signed = get(FormLogin.newClient(), "/it/signed-url?path=" + path + "&expires="
                + expires.getEpochSecond());
        assertEquals(200, signed.statusCode(), signed.body());
        return signed.body();
    }

    /** Publishes a CMS page with the image for the roles given. */
    private void publishPage(String slug, String url, String... roles) throws IOException, InterruptedException {
        var readers = Json.createArrayBuilder();
        for (String role : roles) {
            readers.add(role);
        }
        String item = Json.createObjectBuilder().add("kind", "page").add("key", slug).add("locale", "en")
                .add("title", "Floor plan").add("summary", "")
                .add("body", "<p>Where we sit:</p><p><img src=\"" + url + "\" alt=\"The floor plan\"></p>")
                .add("roles", readers).build().toString();
        HttpResponse<String> created = send(eddie, "POST", "/api/cms/items", item);
        assertEquals(201, created.statusCode(), created.body());
        HttpResponse<String> published = call(eddie, "POST", "/api/cms/pages/" + slug + "/en/publish", null,
                "If-Match", header(created, "ETag"));
        assertEquals(200, published.statusCode(), published.body());
    }

    // ---- the story -----------------------------------------------------------------------------------------

    @Test
    void aPrivateImageIsServedOnlyThroughSignedUrlsAndOnlyOnLoggedInPages() throws Exception {
        byte[] png = newPng();
        HttpResponse<String> uploaded = upload(png, true);
        JsonObject image = json(uploaded);
        String path = image.getString("url");
        String signedUrl = image.getString("signedUrl");
        HttpClient guest = FormLogin.newClient();

        HttpResponse<byte[]> publicForGuest = fetch(guest, path);
        HttpResponse<byte[]> publicForEditor = fetch(eddie, path);
        HttpResponse<byte[]> signed = fetch(guest, signedUrl); // the URL is the permission: no cookie needed
        HttpResponse<byte[]> revalidated = fetch(guest, signedUrl, "If-None-Match", header(signed, "ETag"));

        String slug = unique("private-media");
        publishPage(slug, path, "guest", "end-user");
        HttpClient alice = FormLogin.loggedIn(root(), "alice", "portico-demo");
        HttpResponse<String> alicesPage = get(alice, "/p/" + slug);
        HttpResponse<String> guestsPage = get(guest, "/p/" + slug);
        Matcher src = SIGNED_SRC.matcher(alicesPage.body());
        assertTrue(src.find(), alicesPage.body());
        String fromPage = src.group(1).replace("&amp;", "&");
        HttpResponse<byte[]> shown = fetch(FormLogin.newClient(), fromPage);
        HttpResponse<String> twice = get(alice, "/p/" + slug);

        assertAll(
                () -> assertEquals(201, uploaded.statusCode(), uploaded.body()),
                () -> assertTrue(image.getBoolean("private")),
                () -> assertEquals(signedUrl, header(uploaded, "Location")),
                () -> assertTrue(signedUrl.matches("https?://[^/]+" + Pattern.quote(path)
                        + "\\?Expires=\\d+&Signature=[A-Za-z0-9~_-]+&Key-Pair-Id=portico-[0-9a-f]{12}"), signedUrl),
                () -> assertEquals(404, publicForGuest.statusCode(), "a private image's public URL is unknown"),
                () -> assertEquals(404, publicForEditor.statusCode(), "to editors too"),
                () -> assertEquals("no-store", header(publicForGuest, "Cache-Control")),
                () -> assertEquals(200, signed.statusCode()),
                () -> assertArrayEquals(png, signed.body()),
                () -> assertEquals("image/png", header(signed, "Content-Type")),
                () -> assertFalse(header(signed, "Cache-Control").contains("immutable"), header(signed, "Cache-Control")),
                () -> assertTrue(privateMaxAge(signed) > 0 && privateMaxAge(signed) <= LONGEST,
                        header(signed, "Cache-Control")),
                () -> assertTrue(Instant.now().getEpochSecond() + privateMaxAge(signed)
                                <= Instant.parse(image.getString("signedUrlExpires")).getEpochSecond() + 1,
                        "the cached copy never outlives the signature"),
                () -> assertEquals(304, revalidated.statusCode()),
                () -> assertTrue(privateMaxAge(revalidated) > 0, header(revalidated, "Cache-Control")),
                () -> assertEquals(200, alicesPage.statusCode()),
                () -> assertEquals(src.group(2) + ".png", path.substring(path.lastIndexOf('/') + 1)),
                () -> assertEquals(200, shown.statusCode()),
                () -> assertArrayEquals(png, shown.body()),
                () -> assertTrue(twice.body().contains(src.group(1)), "the next view reuses the URL (same bucket)"),
                () -> assertEquals(200, guestsPage.statusCode()),
                () -> assertTrue(guestsPage.body().contains("Where we sit:"), guestsPage.body()),
                () -> assertFalse(guestsPage.body().contains(image.getString("sha256")), "no trace for a guest"));
    }

    @Test
    void expiredAlteredAndForeignUrlsGet403() throws Exception {
        HttpResponse<String> uploaded = upload(newPng(), true);
        JsonObject image = json(uploaded);
        String path = image.getString("url");
        String signedUrl = image.getString("signedUrl");
        String other = json(upload(newPng(), false)).getString("url");
        Instant now = Instant.now();
        HttpClient guest = FormLogin.newClient();

        String expired = signedUntil(path, now.minusSeconds(3600));
        String withinSkew = signedUntil(path, now.minusSeconds(5)); // skew PT30S by default
        String extended = expired.replaceFirst("Expires=\\d+", "Expires=" + (now.getEpochSecond() + 600));
        String signature = signedUrl.replaceFirst(".*Signature=([^&]+).*", "$1");
        String alteredSignature = signedUrl.replace(signature,
                (signature.charAt(0) == 'A' ? "B" : "A") + signature.substring(1));
        String otherImage = signedUrl.replace(path, other);
        String unknownKey = signedUrl.replaceFirst("Key-Pair-Id=[^&]+", "Key-Pair-Id=K2JCJMDEHXQW5F");
        String repeated = signedUrl + "&Expires=" + (now.getEpochSecond() + 600);
        String garbage = root() + path + "?Expires=soon&Signature=A!&Key-Pair-Id=";

        for (String refused : new String[] {expired, extended, alteredSignature, otherImage, unknownKey, repeated,
                garbage}) {
            HttpResponse<byte[]> answer = fetch(guest, refused);
            assertAll(refused,
                    () -> assertEquals(403, answer.statusCode()),
                    () -> assertEquals("no-store", header(answer, "Cache-Control")),
                    () -> assertTrue(header(answer, "Content-Type").startsWith("text/plain")));
        }
        HttpResponse<byte[]> skewed = fetch(guest, withinSkew);
        assertAll(
                () -> assertEquals(200, skewed.statusCode(), "expired 5 s ago: within the clock skew"),
                () -> assertEquals("no-store", header(skewed, "Cache-Control"), "but not cached past its expiry"),
                () -> assertEquals(200, fetch(guest, signedUrl).statusCode(), "the original still works"));
    }

    @Test
    void anEditorChangesTheMark() throws Exception {
        byte[] png = newPng();
        String sha256 = json(upload(png, false)).getString("sha256");
        String path = json(send(eddie, "GET", "/api/cms/media/" + sha256, null)).getString("url");

        HttpResponse<byte[]> publicAtFirst = fetch(FormLogin.newClient(), path);
        HttpResponse<String> madePrivate = call(eddie, "PUT", "/api/cms/media/" + sha256 + "/private",
                "{\"private\": true}");
        HttpResponse<byte[]> hidden = fetch(FormLogin.newClient(), path);
        HttpResponse<String> again = upload(png, false); // uploading it again keeps the mark
        HttpResponse<String> badMark = call(eddie, "PUT", "/api/cms/media/" + sha256 + "/private",
                "{\"private\": \"yes\"}");
        HttpResponse<String> byAlice = call(FormLogin.loggedIn(root(), "alice", "portico-demo"), "PUT",
                "/api/cms/media/" + sha256 + "/private", "{\"private\": false}");
        HttpResponse<String> madePublic = call(eddie, "PUT", "/api/cms/media/" + sha256 + "/private",
                "{\"private\": false}");
        HttpResponse<byte[]> servedAgain = fetch(FormLogin.newClient(), path);

        assertAll(
                () -> assertEquals(200, publicAtFirst.statusCode()),
                () -> assertEquals(200, madePrivate.statusCode(), madePrivate.body()),
                () -> assertTrue(json(madePrivate).getBoolean("private")),
                () -> assertTrue(json(madePrivate).containsKey("signedUrl")),
                () -> assertEquals(404, hidden.statusCode()),
                () -> assertTrue(json(again).getBoolean("private"), again.body()),
                () -> assertEquals(400, badMark.statusCode(), badMark.body()),
                () -> assertEquals(403, byAlice.statusCode(), byAlice.body()),
                () -> assertEquals(200, madePublic.statusCode(), madePublic.body()),
                () -> assertFalse(json(madePublic).getBoolean("private")),
                () -> assertFalse(json(madePublic).containsKey("signedUrl")),
                () -> assertEquals(200, servedAgain.statusCode()));
    }

    @Test
    void theDemoAboutPageShowsItsPrivateChartOnlyToLoggedInReaders() throws Exception {
        HttpResponse<byte[]> guestPage = fetch(FormLogin.newClient(), "/p/about");
        HttpResponse<byte[]> readerPage = fetch(eddie, "/p/about");
        String guestHtml = new String(guestPage.body(), UTF_8);
        Matcher signed = SIGNED_SRC.matcher(new String(readerPage.body(), UTF_8));
        assertAll(
                () -> assertEquals(200, guestPage.statusCode()),
                () -> assertFalse(guestHtml.contains("/media/"), "no private image for a guest"),
                () -> assertTrue(signed.find(), "a signed image URL for a logged-in reader"));
        HttpResponse<byte[]> chart = fetch(FormLogin.newClient(), signed.group(1).replace("&amp;", "&"));
        HttpResponse<byte[]> unsigned = fetch(FormLogin.newClient(), "/media/" + signed.group(2) + ".png");
        assertAll(
                () -> assertEquals(200, chart.statusCode()),
                () -> assertEquals("image/png", header(chart, "Content-Type")),
                () -> assertEquals(404, unsigned.statusCode()));
    }
}
