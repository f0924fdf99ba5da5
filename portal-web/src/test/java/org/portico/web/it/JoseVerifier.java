package org.portico.web.it;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;


/**
 * An app developer's verifier in another language: npm {@code jose} (src/test/node/jose-verifier) checking Portico's
 * tokens against the live JWKS endpoint — not Nimbus verifying itself. Installed once per build with {@code npm ci}
 * into target/. Without Node.js the test fails under CI and is skipped, with the reason, elsewhere.
 */
final class JoseVerifier {

    private static final Path SOURCE = Path.of("src", "test", "node", "jose-verifier");
    private static final Path INSTALLED = Path.of("target", "jose-verifier");

    private JoseVerifier() {
    }

    /** Verifies {@code token}; returns what verify.mjs printed ({@code verified}, {@code claims} or {@code code}). */
    static JsonObject verify(String jwksUrl, String issuer, String audience, String token) throws IOException, InterruptedException {
        return verify(jwksUrl, issuer, audience, "at+jwt", token);
    }

    /** As {@link #verify(String, String, String, String)} for a token whose header {@code typ} must be {@code typ}. */
    static JsonObject verify(String jwksUrl, String issuer, String audience, String typ, String token)
            throws IOException, InterruptedException {
        install();
        String out = run(List.of("node", "verify.mjs", "--jwks", jwksUrl, "--issuer", issuer, "--audience", audience,
                "--typ", typ, "--token", token));
        return Json.createReader(new StringReader(out.strip().lines().reduce((a, b) -> b).orElse("{}"))).readObject();
    }

    private static synchronized void install() throws IOException, InterruptedException {
        if (Files.isDirectory(INSTALLED.resolve("node_modules").resolve("jose"))) {
            return;
        }
        if (!onPath("node") || !onPath("npm")) {
            String reason = "The jose verifier needs Node.js 20+ and npm (.ci/run installs them)";
            ItSupport.missing(reason);
        }
        Files.createDirectories(INSTALLED);
        for (String file : List.of("package.json", "package-lock.json", "verify.mjs")) {
            Files.copy(SOURCE.resolve(file), INSTALLED.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"));
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(INSTALLED.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(command + " did not finish in 120 s: " + out);
        }
        if (process.exitValue() > 1) {
            throw new IOException(command + " failed with " + process.exitValue() + ": " + out);
        }
        return out;
    }
}
