package org.portico.web.it;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real OpenID provider for the tests: npm {@code oidc-provider} (version pinned by the committed
 * {@code src/test/oidc-provider/package-lock.json}), installed with {@code npm ci} into {@code target/oidc-provider}
 * on first use and run with {@code node} on 127.0.0.1 — on a free port, or on a given one to restart it. The script
 * registers Portico as client {@value #CLIENT_ID} and knows the users below. It stops with {@link #stop()}, and on
 * its own when this JVM ends (its standard input closes).
 */
final class OidcTestProvider {

    static final String CLIENT_ID = "portico";
    static final String CLIENT_SECRET = "portico-it-client-secret";

    /** Users of the test provider: username, password; their groups are in provider.mjs. */
    static final String OLGA = "olga", OLGA_PASSWORD = "olga-idp-pass";       // portal-users
    static final String ADAM = "adam", ADAM_PASSWORD = "adam-idp-pass";       // portal-users, admins
    static final String NORA = "nora", NORA_PASSWORD = "nora-idp-pass";       // no groups
    static final String ALICE = "alice", ALICE_PASSWORD = "alice-idp-pass";   // portal-users; a local "alice" exists

    private static final Path SOURCE = Path.of("src", "test", "oidc-provider");
    private static final Path HOME = Path.of("target", "oidc-provider");
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "provider.mjs");
    private static final Pattern READY = Pattern.compile("READY (http://localhost:(\\d+))");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final String porticoBaseUrl;
    private final Path log;
    private final Path signingKey;
    private Process process;
    private URI issuer;
    private int port;

    private OidcTestProvider(String porticoBaseUrl) {
        this.porticoBaseUrl = porticoBaseUrl;
        this.log = HOME.resolve("provider.log");
        // Created by the provider at its first start and kept across restart(), as a real provider keeps its keys.
        this.signingKey = HOME.resolve("signing-key-" + java.util.UUID.randomUUID() + ".json").toAbsolutePath();
    }

    /** Why the provider can't run here (no node or npm), if so. */
    static Optional<String> findMissingPrerequisite() {
        for (String tool : List.of("node", "npm")) {
            boolean found = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                    .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
            if (!found) {
                return Optional.of("OpenID Connect tests need Node.js 20+ and npm (apt-get install nodejs npm); '"
                        + tool + "' is not on the PATH");
            }
        }
        return Optional.empty();
    }

    /** Installs the provider if needed and starts it on a free port, registered for Portico at this base URL. */
    static OidcTestProvider start(String porticoBaseUrl) throws IOException, InterruptedException {
        install();
        OidcTestProvider provider = new OidcTestProvider(porticoBaseUrl.replaceAll("/$", ""));
        provider.launch(0);
        return provider;
    }

    URI issuer() {
        return issuer;
    }

    /** Stops the provider; its sessions are gone. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** Stops the provider for good and deletes its signing key. */
    void close() throws InterruptedException, IOException {
        stop();
        Files.deleteIfExists(signingKey);
    }

    /** Starts it again on the same port, so the issuer Portico knows stays right (users must log in anew). */
    void restart() throws IOException, InterruptedException {
        stop();
        launch(port);
    }

    private static synchronized void install() throws IOException, InterruptedException {
        Files.createDirectories(HOME);
        Path installedLock = HOME.resolve("node_modules").resolve(".portico-installed-lock.json");
        boolean current = Files.exists(installedLock)
                && Files.mismatch(installedLock, SOURCE.resolve("package-lock.json")) == -1;
        for (String file : FILES) {
            Files.copy(SOURCE.resolve(file), HOME.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (current) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(HOME.toFile())
                .redirectErrorStream(true)
                .redirectOutput(HOME.resolve("npm-ci.log").toFile())
                .start();
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            npm.destroyForcibly();
            throw new IllegalStateException("npm ci failed in " + HOME.toAbsolutePath() + ": "
                    + Files.readString(HOME.resolve("npm-ci.log")));
        }
        Files.copy(SOURCE.resolve("package-lock.json"), installedLock, StandardCopyOption.REPLACE_EXISTING);
    }

    private void launch(int onPort) throws IOException, InterruptedException {
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        ProcessBuilder builder = new ProcessBuilder("node", "provider.mjs")
                .directory(HOME.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("PORTICO_BASE_URL", porticoBaseUrl);
        builder.environment().put("CLIENT_SECRET", CLIENT_SECRET);
        builder.environment().put("PORT", Integer.toString(onPort));
        builder.environment().put("KEY_FILE", signingKey.toString());
        // The issuer says "localhost" while Portico is at 127.0.0.1: for the browser they are two sites, as a real
        // provider and Portico are, so the SameSite=Lax session cookie is tested on a cross-site callback.
        builder.environment().put("ISSUER_HOST", "localhost");
        process = builder.start(); // stdin stays an open pipe: when this JVM ends, the provider ends too
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            String output = Files.readString(log).substring((int) logStart);
            Matcher ready = READY.matcher(output);
            if (ready.find()) {
                issuer = URI.create(ready.group(1));
                port = Integer.parseInt(ready.group(2));
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("The test OpenID provider exited with " + process.exitValue() + ": " + output);
            }
            Thread.sleep(50);
        }
        stop();
        throw new IllegalStateException("The test OpenID provider did not start within " + START_TIMEOUT + "; see " + log.toAbsolutePath());
    }
}
