package org.portico.web.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portico.web.it.ItSupport.json;
import static org.portico.web.it.ItSupport.unique;

import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.portico.web.media.TestImages;

/**
 * The CMS media store on the wire (issue 11): an editor uploads an image as {@code multipart/form-data}, it is served
 * at {@code /media/<sha256>.<ext>} to anyone, cached for a year, typed by its bytes, and shows in a published page a
 * guest reads; every refusal is problem+json in the reader's language and nothing is stored: end users, guests,
 * other sites, files that are no image (SVG too, whatever they are called), empty and oversized files (declared or
 * streamed), wrong request types. Tagged {@code database}: the bytes live in a BYTEA column, on H2 and PostgreSQL.
 */
@Tag("database")
class MediaIT extends ApiTestBase {

    private static final String BOUNDARY = "portico-it-boundary-7d1f";
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.portico();
    }

    private HttpClient eddie;

    @BeforeEach
    void loginEddie() throws Exception {
        eddie = FormLogin.loggedIn(root(), "eddie", "portico-demo");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** A PNG no other test uploaded: its size is random, so its hash is new. */
    private static byte[] newPng() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return TestImages.drawn("png", 20 + random.nextInt(2000), 10 + random.nextInt(50), new Color(random.nextInt()));
    }

    /** A {@code multipart/form-data} body with one file part (the test's client has no builder for it). */
    static byte[] multipart(String field, String fileName, String declaredType, byte[] content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: " + declaredType + "\r\n\r\n").getBytes(UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(UTF_8));
        return body.toByteArray();
    }

    private HttpResponse<String> upload(HttpClient client, byte[] body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root() + "/api/cms/media"))
                .header("Accept", "application/json")
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> upload(HttpClient client, String fileName, byte[] content, String... headers)
            throws IOException, InterruptedException {
        return upload(client, multipart("file", fileName, "application/octet-stream", content), headers);
    }

    private HttpResponse<byte[]> fetch(HttpClient client, String method, String path, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse("");
    }

    private static void assertProblem(int status, HttpResponse<String> response) {
        assertAll(
                () -> assertEquals(status, response.statusCode(), response.body()),
                () -> assertEquals(PROBLEM, type(response).split(";")[0], response.body()),
                () -> assertEquals(status, json(response).getInt("status")));
    }

    private long stored() throws IOException, InterruptedException {
        return json(send(eddie, "GET", "/api/cms/media?max=1", null)).getJsonNumber("total").longValue();
    }

    // ---- the story -----------------------------------------------------------------------------------------

    @Test
    void anEditorsImageIsServedToEveryoneCachedForAYearAndShowsOnAGuestsPage() throws Exception {
        byte[] png = newPng();
        HttpResponse<String> uploaded = upload(eddie, "chart.txt", png); // the name says text, the bytes say PNG
        JsonObject image = json(uploaded);
        String url = image.getString("url");
        HttpClient guest = FormLogin.newClient();

        HttpResponse<byte[]> served = fetch(guest, "GET", url);
        HttpResponse<byte[]> head = fetch(guest, "HEAD", url);
        HttpResponse<byte[]> again = fetch(guest, "GET", url, "If-None-Match", header(served, "ETag"));
        HttpResponse<String> twice = upload(eddie, "same-chart.png", png);
        HttpResponse<String> listed = send(eddie, "GET", "/api/cms/media", null);

        assertAll(
                () -> assertEquals(201, uploaded.statusCode(), uploaded.body()),
                () -> assertTrue(url.matches("/media/[0-9a-f]{64}\\.png"), url),
                () -> assertEquals(root() + url, header(uploaded, "Location")),
                () -> assertEquals("image/png", image.getString("type")),
                () -> assertEquals(png.length, image.getInt("size")),
                () -> assertTrue(image.getInt("width") >= 20 && image.getInt("height") >= 10, image.toString()),
                () -> assertEquals("chart.txt", image.getString("name")),
                () -> assertEquals("eddie", image.getString("uploadedBy")),
                () -> assertEquals(200, served.statusCode()),
                () -> assertArrayEquals(png, served.body()),
                () -> assertEquals("image/png", header(served, "Content-Type")),
                () -> assertEquals(IMMUTABLE, header(served, "Cache-Control")),
                () -> assertEquals("nosniff", header(served, "X-Content-Type-Options")),
                () -> assertTrue(header(served, "Content-Security-Policy").startsWith("default-src 'none'"),
                        header(served, "Content-Security-Policy")),
                () -> assertTrue(header(served, "Content-Security-Policy").contains("sandbox")),
                () -> assertEquals("\"" + image.getString("sha256") + "\"", header(served, "ETag")),
                () -> assertEquals("portico media:" + image.getString("sha256"), header(served, "Surrogate-Key"),
                        "deleting it can purge it from a CDN"),
                () -> assertEquals("portico,media:" + image.getString("sha256"), header(served, "Cache-Tag")),
                () -> assertEquals(200, head.statusCode()),
                () -> assertEquals(0, head.body().length),
                () -> assertEquals(String.valueOf(png.length), header(head, "Content-Length")),
                () -> assertEquals(IMMUTABLE, header(head, "Cache-Control")),
                () -> assertEquals(304, again.statusCode()),
                () -> assertEquals(201, twice.statusCode(), twice.body()),
                () -> assertEquals(url, json(twice).getString("url"), "the same bytes are the same image"),
                () -> assertEquals("chart.txt", json(twice).getString("name"), "stored once, as first uploaded"),
                () -> assertEquals(url, json(listed).getJsonArray("items").getJsonObject(0).getString("url"),
                        "newest first"));

        String slug = unique("media");
        String item = Json.createObjectBuilder().add("kind", "page").add("key", slug).add("locale", "en")
                .add("title", "Our numbers").add("summary", "")
                .add("body", "<p>This year:</p><p><img src=\"" + url + "\" alt=\"The chart\"></p>")
                .add("roles", Json.createArrayBuilder().add("guest")).build().toString();
        HttpResponse<String> created = send(eddie, "POST", "/api/cms/items", item);
        HttpResponse<String> published = eddie.send(HttpRequest.newBuilder(
                        URI.create(root() + "/api/cms/pages/" + slug + "/en/publish"))
                .header("Accept", "application/json").header("If-Match", header(created, "ETag"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> page = get(guest, "/p/" + slug);

        assertAll(
                () -> assertEquals(201, created.statusCode(), created.body()),
                () -> assertEquals(200, published.statusCode(), published.body()),
                () -> assertEquals(200, page.statusCode()),
                () -> assertTrue(page.body().contains("<img src=\"" + url + "\" alt=\"The chart\""), page.body()));
    }

    @Test
    void eachFormatIsServedWithTheTypeItsBytesSay() throws Exception {
        byte[] gif = TestImages.drawn("gif", 7 + ThreadLocalRandom.current().nextInt(500), 3, Color.ORANGE);
        byte[] jpeg = TestImages.drawn("jpg", 5 + ThreadLocalRandom.current().nextInt(500), 4, Color.PINK);
        HttpResponse<String> gifUpload = upload(eddie, "anim.png", gif);
        HttpResponse<String> jpegUpload = upload(eddie, "photo.jpeg", jpeg);
        HttpResponse<String> webpUpload = upload(eddie, "tiny.webp", TestImages.WEBP_LOSSLESS);
        String gifUrl = json(gifUpload).getString("url");
        HttpResponse<byte[]> gifServed = fetch(FormLogin.newClient(), "GET", gifUrl);
        HttpResponse<byte[]> wrongExtension = fetch(FormLogin.newClient(), "GET", gifUrl.replace(".gif", ".png"));

        assertAll(
                () -> assertEquals(201, gifUpload.statusCode(), gifUpload.body()),
                () -> assertTrue(gifUrl.endsWith(".gif"), gifUrl),
                () -> assertEquals("image/gif", header(gifServed, "Content-Type")),
                () -> assertEquals(404, wrongExtension.statusCode(), "one URL per image"),
                () -> assertEquals("image/jpeg", json(jpegUpload).getString("type")),
                () -> assertTrue(json(jpegUpload).getString("url").endsWith(".jpg")),
                () -> assertEquals("image/webp", json(webpUpload).getString("type"), webpUpload.body()),
                () -> assertEquals(1, json(webpUpload).getInt("width")));
    }

    @Test
    void anEditorDeletesAnImageAndItIsGone() throws Exception {
        HttpResponse<String> uploaded = upload(eddie, "old.png", newPng());
        String sha256 = json(uploaded).getString("sha256");
        String url = json(uploaded).getString("url");
        HttpClient guest = FormLogin.newClient();
        HttpResponse<byte[]> before = fetch(guest, "GET", url); // now in the node's cache

        HttpResponse<String> byAlice = send(FormLogin.loggedIn(root(), "alice", "portico-demo"), "DELETE",
                "/api/cms/media/" + sha256, null);
        HttpResponse<String> crossSite = eddie.send(HttpRequest.newBuilder(URI.create(root() + "/api/cms/media/" + sha256))
                .header("Accept", "application/json").header("Origin", "https://evil.example").DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> deleted = send(eddie, "DELETE", "/api/cms/media/" + sha256, null);
        HttpResponse<byte[]> after = fetch(guest, "GET", url);
        HttpResponse<String> again = send(eddie, "DELETE", "/api/cms/media/" + sha256, null);
        HttpResponse<String> details = send(eddie, "GET", "/api/cms/media/" + sha256, null);

        assertAll(
                () -> assertEquals(200, before.statusCode()),
                () -> assertProblem(403, byAlice),
                () -> assertProblem(403, crossSite),
                () -> assertEquals(204, deleted.statusCode(), deleted.body()),
                () -> assertEquals(404, after.statusCode(), "gone from the database and the cache"),
                () -> assertEquals("no-store", header(after, "Cache-Control")),
                () -> assertProblem(404, again),
                () -> assertProblem(404, details));
    }

    // ---- refusals ------------------------------------------------------------------------------------------

    @Test
    void onlyEditorsAndAdminsUploadAndOtherSitesAreTurnedAwayBeforeTheBodyIsRead() throws Exception {
        long before = stored();
        HttpResponse<String> alice = upload(FormLogin.loggedIn(root(), "alice", "portico-demo"), "a.png", newPng());
        HttpResponse<String> guest = upload(FormLogin.newClient(), "g.png", newPng());
        HttpResponse<String> crossSite = upload(eddie, "x.png", newPng(), "Origin", "https://evil.example");
        HttpResponse<String> sameSite = upload(eddie, "x.png", newPng(), "Sec-Fetch-Site", "same-site");
        HttpResponse<String> ada = upload(FormLogin.loggedIn(root(), "ada", "portico-demo"), "ada.png", newPng(),
                "Origin", root());
        HttpResponse<String> guestList = send(FormLogin.newClient(), "GET", "/api/cms/media", null);

        assertAll(
                () -> assertProblem(403, alice),
                () -> assertProblem(401, guest),
                () -> assertProblem(403, crossSite),
                () -> assertProblem(403, sameSite),
                () -> assertEquals(201, ada.statusCode(), "a site admin, from Portico's own page: " + ada.body()),
                () -> assertProblem(401, guestList),
                () -> assertEquals(before + 1, stored(), "only ada's image was stored"));
    }

    @Test
    void filesThatAreNoImagesAreRefusedWhateverTheyAreCalledAndSayWhyInTheReadersLanguage() throws Exception {
        long before = stored();
        HttpResponse<String> text = upload(eddie, "photo.png", "Just some notes.".getBytes(UTF_8));
        HttpResponse<String> svg = upload(eddie, "logo.svg",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(UTF_8));
        HttpResponse<String> html = upload(eddie, "x.gif", "<html><script>alert(1)</script>".getBytes(UTF_8),
                "Accept-Language", "de-DE,de;q=0.9");
        HttpResponse<String> truncated = upload(eddie, "cut.png", Arrays.copyOf(newPng(), 12));
        HttpResponse<String> empty = upload(eddie, "empty.png", new byte[0]);
        HttpResponse<String> noFile = upload(eddie, multipart("picture", "p.png", "image/png", newPng()));

        assertAll(
                () -> assertProblem(415, text),
                () -> assertTrue(json(text).getString("detail").contains("photo.png is no PNG, JPEG, GIF or WebP"),
                        text.body()),
                () -> assertProblem(415, svg),
                () -> assertTrue(json(svg).getString("detail").contains("SVG"), svg.body()),
                () -> assertProblem(415, html),
                () -> assertTrue(json(html).getString("detail").startsWith("Die Datei x.gif ist kein PNG-"),
                        html.body()),
                () -> assertProblem(415, truncated),
                () -> assertProblem(400, empty),
                () -> assertTrue(json(empty).getString("detail").contains("empty"), empty.body()),
                () -> assertProblem(400, noFile),
                () -> assertTrue(json(noFile).getString("detail").contains("\"file\""), noFile.body()),
                () -> assertEquals(before, stored(), "nothing stored"));
    }

    @Test
    void imagesOverTheCapAre413WhetherTheBodySaysItsLengthOrIsStreamed() throws Exception {
        long before = stored();
        byte[] justOver = Arrays.copyOf(newPng(), 5 * 1024 * 1024 + 1); // a PNG header, then zeros
        byte[] farOver = Arrays.copyOf(newPng(), 6 * 1024 * 1024);
        HttpResponse<String> fileOver = upload(eddie, "big.png", justOver);
        HttpResponse<String> declared = upload(eddie, "huge.png", farOver, "Accept-Language", "de");
        HttpResponse<String> streamed = eddie.send(HttpRequest.newBuilder(URI.create(root() + "/api/cms/media"))
                .header("Accept", "application/json")
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        multipart("file", "huge.png", "image/png", farOver))))
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> atTheCap = upload(eddie, "exact.png", Arrays.copyOf(newPng(), 5 * 1024 * 1024));

        assertAll(
                () -> assertProblem(413, fileOver),
                () -> assertTrue(json(fileOver).getString("detail").startsWith("The image is larger than 5 MiB."),
                        fileOver.body()),
                () -> assertProblem(413, declared),
                () -> assertTrue(json(declared).getString("detail").startsWith("Das Bild ist größer als 5 MiB."),
                        declared.body()),
                () -> assertProblem(413, streamed),
                () -> assertEquals(201, atTheCap.statusCode(), "exactly 5 MiB is accepted: " + atTheCap.body()),
                () -> assertEquals(before + 1, stored()));
    }

    @Test
    void otherRequestTypesAndMalformedUploadsAre4xxNever500() throws Exception {
        HttpResponse<String> json = send(eddie, "POST", "/api/cms/media", "{\"file\":\"x\"}");
        HttpResponse<String> raw = eddie.send(HttpRequest.newBuilder(URI.create(root() + "/api/cms/media"))
                .header("Accept", "application/json").header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(newPng())).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> noBoundary = eddie.send(HttpRequest.newBuilder(URI.create(root() + "/api/cms/media"))
                .header("Accept", "application/json").header("Content-Type", "multipart/form-data")
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart("file", "a.png", "image/png", newPng())))
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> garbage = upload(eddie, "--not-the-boundary\r\n\r\n".getBytes(UTF_8));
        HttpResponse<String> noBody = upload(eddie, new byte[0]);

        assertAll(
                () -> assertProblem(415, json),
                () -> assertProblem(415, raw),
                () -> assertTrue(noBoundary.statusCode() >= 400 && noBoundary.statusCode() < 500, noBoundary.body()),
                () -> assertTrue(garbage.statusCode() >= 400 && garbage.statusCode() < 500, garbage.body()),
                () -> assertTrue(noBody.statusCode() >= 400 && noBody.statusCode() < 500, noBody.body()));
    }

    @Test
    void unknownAndMalformedNamesAre404AndOnlyGetAndHeadAreServed() throws Exception {
        HttpClient guest = FormLogin.newClient();
        String unknown = "/media/" + "0".repeat(64) + ".png";
        HttpResponse<byte[]> notStored = fetch(guest, "GET", unknown);
        HttpResponse<byte[]> upperCase = fetch(guest, "GET", "/media/" + "A".repeat(64) + ".png");
        HttpResponse<byte[]> svg = fetch(guest, "GET", "/media/" + "0".repeat(64) + ".svg");
        HttpResponse<byte[]> traversal = fetch(guest, "GET", "/media/..%2f..%2fWEB-INF%2fweb.xml");
        HttpResponse<byte[]> bare = fetch(guest, "GET", "/media/");
        HttpResponse<byte[]> post = fetch(guest, "POST", unknown);

        assertAll(
                () -> assertEquals(404, notStored.statusCode()),
                () -> assertEquals("no-store", header(notStored, "Cache-Control")),
                () -> assertEquals(404, upperCase.statusCode()),
                () -> assertEquals(404, svg.statusCode()),
                () -> assertTrue(traversal.statusCode() == 404 || traversal.statusCode() == 400,
                        "status " + traversal.statusCode()),
                () -> assertEquals(404, bare.statusCode()),
                () -> assertEquals(405, post.statusCode()),
                () -> assertEquals("GET, HEAD", header(post, "Allow")));
    }

    /** The list pages through the images, newest first, and tells how many there are. */
    @Test
    void theListPagesNewestFirst() throws Exception {
        String first = json(upload(eddie, "one.png", newPng())).getString("url");
        String second = json(upload(eddie, "two.png", newPng())).getString("url");
        JsonObject page = json(send(eddie, "GET", "/api/cms/media?first=0&max=2", null));
        assertAll(
                () -> assertEquals(2, page.getJsonArray("items").size()),
                () -> assertEquals(second, page.getJsonArray("items").getJsonObject(0).getString("url")),
                () -> assertEquals(first, page.getJsonArray("items").getJsonObject(1).getString("url")),
                () -> assertTrue(page.getJsonNumber("total").longValue() >= 2),
                () -> assertTrue(page.getJsonArray("items").stream().map(JsonValue::asJsonObject)
                        .allMatch(item -> item.containsKey("name") && item.containsKey("uploadedAt"))));
    }
}
