package org.portico.web.it;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portico.web.it.ItSupport.basic;
import static org.portico.web.it.ItSupport.json;
import static org.portico.web.it.ItSupport.unique;

/**
 * The API as an attacker meets it (issue 8, items 4 and 7): a stranger's page cannot borrow the admin's cookie
 * (cross-origin unsafe requests are refused, same-origin ones and apps with client credentials work), JSON endpoints
 * want JSON, bodies are capped (declared or streamed), a stranger's body is refused unread, and every
 * {@code /api/admin} method, found by reflection, refuses guests and end-users.
 */
class ApiSecurityIT extends ApiTestBase {

    private static final String EVIL = "https://evil.example";
    private static final int TWO_MIB = 2 * 1024 * 1024;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.portico();
    }

    private HttpClient ada;
    /** An app and a route into it, both named this. */
    private String name;
    private String secret;

    @BeforeEach
    void anAppAndARouteIntoIt() throws Exception {
        ada = FormLogin.loggedIn(root(), "ada", "portico-demo");
        name = unique("csrf");
        secret = createApp(ada, appJson(name).toString()).getString("clientSecret");
        HttpResponse<String> route = send(ada, "POST", "/api/admin/routes", routeJson(name).toString());
        assertEquals(201, route.statusCode(), route.body());
    }

    private static JsonObject appJson(String id) {
        return Json.createObjectBuilder()
                .add("id", id).add("name", "API security " + id).add("audience", "https://" + id + ".example")
                .add("baseUrls", Json.createArrayBuilder().add("https://" + id + ".example/app/"))
                .add("claims", Json.createArrayBuilder().add("name"))
                .add("clientAuthentication", "client_secret").build();
    }

    private static JsonObject routeJson(String name) {
        return Json.createObjectBuilder()
                .add("name", name)
                .add("parameters", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("name", "id").add("type", "int")))
                .add("target", Json.createObjectBuilder().add("appId", name)
                        .add("template", "https://" + name + ".example/app/orders/{id}"))
                .add("roles", Json.createArrayBuilder().add("end-user")).build();
    }

    /** A request with the given extra headers (name, value, name, value …) and a body of that type, if any. */
    private HttpResponse<String> request(HttpClient client, String method, String path, String contentType, String body,
                                         String... headers) throws IOException, InterruptedException {
        String accept = path.contains(".csv") ? "text/csv" : "application/json";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root() + path)).header("Accept", accept)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Whether the app's client secret still works: it mints a link to its route with HTTP Basic. */
    private HttpResponse<String> mintAsApp(String clientSecret, String... headers) throws Exception {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = basic(name, clientSecret);
        System.arraycopy(headers, 0, all, 2, headers.length);
        return request(FormLogin.newClient(), "POST", "/api/links", "application/json",
                "{\"route\":\"" + name + "\",\"params\":[\"42\"]}", all);
    }

    private void assertProblem(int status, String detail, HttpResponse<String> response) {
        assertAll(
                () -> assertEquals(status, response.statusCode(), response.body()),
                () -> assertEquals(PROBLEM, type(response)),
                () -> assertEquals(status, json(response).getInt("status")),
                () -> {
                    if (detail != null) {
                        assertEquals(detail, json(response).getString("detail"));
                    }
                });
    }

    // ---- CSRF ------------------------------------------------------------------------------------------------

    @Test
    void aStrangersPageCannotDeleteARouteOrRotateASecretWithTheAdminsCookie() throws Exception {
        String refused = "Requests with Portico's login cookie are accepted only from Portico's own pages; this one"
                + " came from another site.";
        HttpResponse<String> delete = request(ada, "DELETE", "/api/admin/routes/" + name, null, null, "Origin", EVIL);
        HttpResponse<String> formPost = request(ada, "POST", "/api/admin/apps/" + name + "/secret",
                "application/x-www-form-urlencoded", "a=b", "Origin", EVIL);
        HttpResponse<String> nullOrigin = request(ada, "DELETE", "/api/admin/routes/" + name, null, null, "Origin", "null");
        HttpResponse<String> crossSite = request(ada, "POST", "/api/admin/apps/" + name + "/secret", null, null,
                "Sec-Fetch-Site", "cross-site");
        HttpResponse<String> sameSite = request(ada, "PUT", "/api/admin/apps/" + name, "application/json",
                appJson(name).toString(), "Sec-Fetch-Site", "same-site");
        HttpResponse<String> otherPort = request(ada, "DELETE", "/api/admin/routes/" + name, null, null,
                "Origin", root().replaceAll(":\\d+$", ":1"));

        assertAll(
                () -> assertProblem(403, refused, delete),
                () -> assertProblem(403, refused, formPost),
                () -> assertProblem(403, refused, nullOrigin),
                () -> assertProblem(403, refused, crossSite),
                () -> assertProblem(403, refused, sameSite),
                () -> assertProblem(403, refused, otherPort),
                () -> assertEquals(200, send(ada, "GET", "/api/admin/routes/" + name, null).statusCode(), "the route is still there"),
                () -> assertEquals(0, json(send(ada, "GET", "/api/admin/apps/" + name, null)).getInt("version"), "the app is unchanged"),
                () -> assertEquals(201, mintAsApp(secret).statusCode(), "the secret was not rotated"));
    }

    @Test
    void portalPagesAndProgramsWithTheCookieAreServed() throws Exception {
        HttpResponse<String> sameOrigin = request(ada, "POST", "/api/admin/apps/" + name + "/secret", null, null,
                "Origin", root());
        String newSecret = json(sameOrigin).getString("clientSecret");
        HttpResponse<String> fetchSameOrigin = request(ada, "PUT", "/api/admin/apps/" + name, "application/json",
                Json.createObjectBuilder(appJson(name)).add("version", 1).add("name", "Renamed").build().toString(),
                "Sec-Fetch-Site", "same-origin");
        HttpResponse<String> upperCaseOrigin = request(ada, "DELETE", "/api/admin/routes/" + name, null, null,
                "Origin", root().toUpperCase().replace("HTTP://", "http://"));

        assertAll(
                () -> assertEquals(200, sameOrigin.statusCode(), sameOrigin.body()),
                () -> assertEquals(200, fetchSameOrigin.statusCode(), fetchSameOrigin.body()),
                () -> assertEquals(204, upperCaseOrigin.statusCode(), upperCaseOrigin.body()),
                () -> assertEquals(401, mintAsApp(secret).statusCode(), "the old secret stopped working"),
                () -> assertEquals(404, send(ada, "GET", "/api/admin/routes/" + name, null).statusCode(), "deleted"));
    }

    @Test
    void appsWithClientCredentialsAreNotAskedForAnOrigin() throws Exception {
        HttpResponse<String> fromAnywhere = mintAsApp(secret, "Origin", EVIL, "Sec-Fetch-Site", "cross-site");
        HttpResponse<String> plain = mintAsApp(secret);

        assertAll(
                () -> assertEquals(201, fromAnywhere.statusCode(), fromAnywhere.body()),
                () -> assertEquals(201, plain.statusCode(), plain.body()));
    }

    // ---- content type and size -------------------------------------------------------------------------------

    @Test
    void jsonEndpointsRefuseAMissingOrWrongContentTypeWith415() throws Exception {
        String app = appJson(unique("typed")).toString();
        HttpResponse<String> none = request(ada, "POST", "/api/admin/apps", null, app);
        HttpResponse<String> form = request(ada, "POST", "/api/admin/apps", "application/x-www-form-urlencoded", app);
        HttpResponse<String> text = request(ada, "PUT", "/api/admin/routes/" + name, "text/plain", routeJson(name).toString());
        HttpResponse<String> linkAsForm = request(ada, "POST", "/api/links", "application/x-www-form-urlencoded",
                "route=" + name + "&params=42");

        assertAll(
                () -> assertProblem(415, null, none),
                () -> assertProblem(415, null, form),
                () -> assertProblem(415, null, text),
                () -> assertProblem(415, null, linkAsForm));
    }

    @Test
    void bodiesOverTheCapAre413WhetherDeclaredOrStreamed() throws Exception {
        String id = unique("huge");
        String huge = Json.createObjectBuilder(appJson(id)).add("description", "x".repeat(TWO_MIB)).build().toString();
        HttpResponse<String> declared = request(ada, "POST", "/api/admin/apps", "application/json", huge);
        HttpRequest streamed = HttpRequest.newBuilder(URI.create(root() + "/api/admin/apps"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8)))) // no length: chunked
                .build();
        HttpResponse<String> chunked = ada.send(streamed, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> routeImport = request(ada, "POST", "/api/admin/routes/import", "application/json",
                "{\"routes\": [], \"pad\": \"" + "x".repeat(TWO_MIB) + "\"}");
        HttpResponse<String> token = request(FormLogin.newClient(), "POST", "/oauth2/token",
                "application/x-www-form-urlencoded", "grant_type=client_credentials&pad=" + "x".repeat(TWO_MIB));
        HttpResponse<String> chunkedForm = FormLogin.newClient().send(HttpRequest.newBuilder(URI.create(root() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        ("grant_type=client_credentials&pad=" + "x".repeat(TWO_MIB)).getBytes(StandardCharsets.US_ASCII))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String tooLarge = "The body is larger than 1048576 bytes (1024 KiB). Send less, or split it.";

        assertAll(
                () -> assertProblem(413, tooLarge, declared),
                () -> assertProblem(413, tooLarge, chunked),
                () -> assertProblem(413, tooLarge, routeImport),
                () -> assertEquals(404, send(ada, "GET", "/api/admin/apps/" + id, null).statusCode(), "nothing created"),
                () -> assertEquals(413, token.statusCode(), token.body()),
                () -> assertEquals("invalid_request", json(token).getString("error")),
                () -> assertEquals(413, chunkedForm.statusCode(), "a streamed form is counted as it is read"),
                () -> assertEquals("invalid_request", json(chunkedForm).getString("error")));
    }

    @Test
    void aBodyJustUnderTheCapIsRead() throws Exception {
        String file = "{\"format\": \"portico-link-routes\", \"formatVersion\": 1, \"routes\": []}";
        HttpResponse<String> dryRun = request(ada, "POST", "/api/admin/routes/import?dryRun=true", "application/json",
                file + " ".repeat(1024 * 1024 - file.length()));

        assertEquals(200, dryRun.statusCode(), dryRun.body());
        assertTrue(json(dryRun).getBoolean("dryRun"));
    }

    @Test
    void aStrangersBodyIsRefusedUnread() throws Exception {
        String malformed = "{" + "\"x\": [".repeat(TWO_MIB / 6);
        HttpResponse<String> guest = request(FormLogin.newClient(), "POST", "/api/admin/apps", "application/json", malformed);
        HttpResponse<String> alice = request(FormLogin.loggedIn(root(), "alice", "portico-demo"), "PUT",
                "/api/admin/routes/" + name, "application/json", malformed);

        assertAll(
                () -> assertProblem(401, "Log in to Portico first.", guest),
                () -> assertProblem(403, "Only site admins may do this.", alice),
                () -> assertEquals("401", statusOfAnUnfinishedBody("/api/admin/apps"),
                        "the guest is answered while the body is still being sent: it was never read"),
                () -> assertEquals("401", statusOfAnUnfinishedBody("/api/admin/routes/import"),
                        "the guest is answered while the body is still being sent: it was never read"));
    }

    /**
     * Sends the headers and 64 KiB of a chunked JSON body that never ends, and reads the status of the answer. A
     * server that reads the body before deciding would wait for the rest; the socket times out then ("timeout").
     */
    private String statusOfAnUnfinishedBody(String path) throws IOException {
        URI uri = URI.create(root());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            String chunk = "[".repeat(64 * 1024);
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder statusLine = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                statusLine.append((char) c);
            }
            String[] parts = statusLine.toString().split(" ");
            return parts.length > 1 ? parts[1] : "no answer: " + statusLine;
        } catch (SocketTimeoutException e) {
            return "timeout";
        }
    }

    @Test
    void meAndTokenAnswerAnyLoggedInUserAndTellAGuestToLogIn() throws Exception {
        HttpClient alice = FormLogin.loggedIn(root(), "alice", "portico-demo");
        HttpResponse<String> aliceMe = request(alice, "GET", "/api/me", null, null);
        HttpResponse<String> guestMe = request(FormLogin.newClient(), "GET", "/api/me", null, null);
        HttpResponse<String> guestToken = request(FormLogin.newClient(), "GET", "/api/token?audience=x", null, null);

        assertAll(
                () -> assertEquals(200, aliceMe.statusCode(), aliceMe.body()),
                () -> assertEquals("alice", json(aliceMe).getString("username")),
                () -> assertProblem(401, "Log in to Portico first.", guestMe),
                () -> assertProblem(401, "Log in to Portico first.", guestToken));
    }

    // ---- every admin method ----------------------------------------------------------------------------------

    /** An {@code /api/admin} resource method: HTTP method, path with its templates filled in, whether it reads JSON. */
    record AdminMethod(String http, String path, boolean json) {
        @Override
        public String toString() {
            return http + " " + path;
        }
    }

    /**
     * Every resource method under {@code admin} of the WAR under test, found by reflection: classes with {@code @Path}
     * in {@code WEB-INF/classes}, methods with an HTTP method annotation. Path templates are filled with {@code name}.
     */
    private static List<AdminMethod> adminMethods(String name) throws Exception {
        List<AdminMethod> methods = new ArrayList<>();
        File war = new File(System.getProperty("portico.it.war", "target/portico.war"));
        try (ZipFile zip = new ZipFile(war)) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                String file = entry.getName();
                if (!file.startsWith("WEB-INF/classes/") || !file.endsWith(".class")) {
                    continue;
                }
                byte[] bytes = zip.getInputStream(entry).readAllBytes();
                if (!new String(bytes, StandardCharsets.ISO_8859_1).contains("Ljakarta/ws/rs/Path;")) {
                    continue;
                }
                String className = file.substring("WEB-INF/classes/".length(), file.length() - ".class".length())
                        .replace('/', '.');
                Class<?> type = Class.forName(className, false, ApiSecurityIT.class.getClassLoader());
                Path classPath = type.getAnnotation(Path.class);
                if (classPath == null) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    String http = Arrays.stream(method.getAnnotations())
                            .map(a -> a.annotationType().getAnnotation(HttpMethod.class))
                            .filter(a -> a != null).map(HttpMethod::value).findFirst().orElse(null);
                    if (http == null) {
                        continue;
                    }
                    Path methodPath = method.getAnnotation(Path.class);
                    String path = "/" + strip(classPath.value()) + (methodPath == null ? "" : "/" + strip(methodPath.value()));
                    if (!path.startsWith("/admin/") && !path.equals("/admin")) {
                        continue;
                    }
                    Consumes consumes = method.getAnnotation(Consumes.class) != null ? method.getAnnotation(Consumes.class)
                            : type.getAnnotation(Consumes.class);
                    boolean json = consumes != null && Arrays.asList(consumes.value()).contains("application/json");
                    methods.add(new AdminMethod(http, "/api" + path.replaceAll("\\{[^}]+}", name), json));
                }
            }
        }
        return methods;
    }

    private static String strip(String path) {
        return path.replaceAll("^/+|/+$", "");
    }

    /**
     * A body of the shape the method reads, changing the app or route the path names (or creating one named
     * {@code stranger}), so that "nothing changed" rests on the refusal, not on a body that could not be read.
     */
    private String bodyFor(AdminMethod method, String stranger) throws Exception {
        if (method.path().startsWith("/api/admin/apps")) {
            JsonObject current = json(send(ada, "GET", "/api/admin/apps/" + name, null));
            return Json.createObjectBuilder(method.http().equals("PUT") ? current : appJson(stranger))
                    .add("name", "Changed by a stranger").build().toString();
        }
        if (method.path().startsWith("/api/admin/routes/import")) {
            return Json.createObjectBuilder().add("format", "portico-link-routes").add("formatVersion", 1)
                    .add("routes", Json.createArrayBuilder().add(routeJson(stranger))).build().toString();
        }
        if (method.path().startsWith("/api/admin/routes")) {
            JsonObject current = json(send(ada, "GET", "/api/admin/routes/" + name, null));
            return Json.createObjectBuilder(method.http().equals("PUT") ? current : routeJson(stranger))
                    .add("description", "Changed by a stranger").build().toString();
        }
        return "{}";
    }

    @Test
    void everyAdminMethodRefusesGuestsAndEndUsersAndChangesNothing() throws Exception {
        List<AdminMethod> methods = adminMethods(name);
        String stranger = unique("stranger");
        JsonObject appBefore = json(send(ada, "GET", "/api/admin/apps/" + name, null));
        JsonObject routeBefore = json(send(ada, "GET", "/api/admin/routes/" + name, null));
        Map<String, HttpClient> callers = Map.of(
                "guest", FormLogin.newClient(),
                "end-user", FormLogin.loggedIn(root(), "alice", "portico-demo"));

        List<Runnable> checks = new ArrayList<>();
        for (AdminMethod method : methods) {
            String body = method.json() ? bodyFor(method, stranger) : null;
            for (Map.Entry<String, HttpClient> caller : callers.entrySet()) {
                HttpResponse<String> response = request(caller.getValue(), method.http(), method.path(),
                        body == null ? null : "application/json", body);
                boolean guest = caller.getKey().equals("guest");
                checks.add(() -> assertAll(method + " as " + caller.getKey(),
                        () -> assertEquals(guest ? 401 : 403, response.statusCode(), response.body()),
                        () -> assertEquals(PROBLEM, type(response)),
                        () -> assertEquals(guest ? "Log in to Portico first." : "Only site admins may do this.",
                                json(response).getString("detail"))));
            }
        }

        assertAll(
                () -> assertTrue(methods.size() >= 16, "found " + methods),
                () -> assertTrue(methods.contains(new AdminMethod("DELETE", "/api/admin/routes/" + name, false)), methods::toString),
                () -> assertTrue(methods.contains(new AdminMethod("POST", "/api/admin/apps/" + name + "/secret", false)), methods::toString),
                () -> assertTrue(methods.contains(new AdminMethod("GET", "/api/admin/audit.csv", false)), methods::toString),
                () -> assertTrue(methods.contains(new AdminMethod("PUT", "/api/admin/apps/" + name, true)), methods::toString),
                () -> assertAll(checks.stream().map(check -> (org.junit.jupiter.api.function.Executable) check::run)),
                () -> assertEquals(appBefore, json(send(ada, "GET", "/api/admin/apps/" + name, null)), "the app is unchanged"),
                () -> assertEquals(routeBefore, json(send(ada, "GET", "/api/admin/routes/" + name, null)), "the route is unchanged"),
                () -> assertEquals(201, mintAsApp(secret).statusCode(), "the secret was not rotated"),
                () -> assertEquals(404, send(ada, "GET", "/api/admin/apps/" + stranger, null).statusCode(), "no app created"),
                () -> assertEquals(404, send(ada, "GET", "/api/admin/routes/" + stranger, null).statusCode(), "no route created"),
                () -> assertFalse(methods.isEmpty()));
    }
}
