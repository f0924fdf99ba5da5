package org.portico.web.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The cluster the cluster ITs run against, started by the same script as the cluster command
 * ({@code wildfly-config/run-cluster.sh}): two nodes of {@code target/cluster-server} at port offsets 800 and 850,
 * HAProxy on 127.0.0.1:8980, and a PostgreSQL: the one of {@code PORTICO_TEST_DB_URL} (in a schema of its own,
 * {@code cluster_it}, emptied first, so that the other ITs' data does not matter), or else one the script starts from
 * Debian's packages under the data directory. {@link #close()} stops it all the way Ctrl-C would.
 */
final class LocalCluster implements AutoCloseable {

    static final String SCHEMA = "cluster_it";

    private final Process script;
    private final Path dataDir;
    private final Map<String, String> env;

    private LocalCluster(Process script, Path dataDir, Map<String, String> env) {
        this.script = script;
        this.dataDir = dataDir;
        this.env = env;
    }

    /** Starts the cluster and waits until the balancer is up (every node was ready before it started). */
    static LocalCluster start() throws IOException, InterruptedException, SQLException {
        Path script = Path.of(System.getProperty("portico.it.cluster.script", "../wildfly-config/run-cluster.sh"));
        Path server = Path.of(System.getProperty("portico.it.cluster.server", "target/cluster-server"));
        Path dataDir = Path.of(System.getProperty("portico.it.cluster.data-dir", "target/cluster-it")).toAbsolutePath();
        String port = System.getProperty("portico.it.cluster.port", "8980");
        if (!Files.isExecutable(Path.of("/usr/sbin/haproxy"))) {
            ItSupport.missing("The cluster ITs need HAProxy (apt-get install haproxy)");
        }
        Files.createDirectories(dataDir);
        Files.deleteIfExists(dataDir.resolve("cluster.env"));

        ProcessBuilder builder = new ProcessBuilder(List.of(script.toString(), server.toString(), dataDir.toString(),
                "--nodes", "2", "--port", port,
                "--offset", System.getProperty("portico.it.cluster.offset", "800"),
                "--offset-step", System.getProperty("portico.it.cluster.offset-step", "50"),
                "--issuer", "http://127.0.0.1:" + port,
                "--", "-Dportico.crypto.native=false", "-Dportico.proxy.read-timeout=PT3S"))
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("run-cluster.log").toFile());
        String testDb = System.getenv("PORTICO_TEST_DB_URL");
        if (testDb != null && !testDb.isBlank()) {
            String user = System.getenv("PORTICO_TEST_DB_USER");
            String password = System.getenv("PORTICO_TEST_DB_PASSWORD");
            freshSchema(testDb, user, password);
            builder.environment().put("PORTICO_DB_URL", testDb + (testDb.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
            builder.environment().put("PORTICO_DB_USER", user);
            builder.environment().put("PORTICO_DB_PASSWORD", password);
        } else {
            builder.environment().remove("PORTICO_DB_URL");
        }
        Process process = builder.start();
        Path envFile = dataDir.resolve("cluster.env");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(8));
        while (!Files.exists(envFile)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("run-cluster.sh ended with " + process.exitValue() + ":\n"
                        + Files.readString(dataDir.resolve("run-cluster.log")));
            }
            if (Instant.now().isAfter(deadline)) {
                process.destroy();
                throw new IllegalStateException("The cluster did not start within 8 minutes: " + dataDir.resolve("run-cluster.log"));
            }
            Thread.sleep(500);
        }
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(envFile)) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                env.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return new LocalCluster(process, dataDir, env);
    }

    /** Drops and creates the ITs' own schema in the test database, so each run starts from an empty one. */
    private static void freshSchema(String url, String user, String password) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", user);
        credentials.setProperty("password", password);
        try (Connection connection = DriverManager.getConnection(url, credentials);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            statement.execute("CREATE SCHEMA " + SCHEMA);
        }
    }

    /** The balancer's root URL, without a trailing slash: also Portico's issuer. */
    String balancer() {
        return env.get("PORTICO_CLUSTER_URL");
    }

    /** A node's own HTTP root (1 or 2), without a trailing slash, bypassing the balancer. */
    String node(int number) {
        return env.get("PORTICO_NODE" + number + "_URL");
    }

    /** The node whose name ({@code node1}, as in HAProxy's cookie) is given. */
    int number(String nodeName) {
        return Integer.parseInt(nodeName.replace("node", ""));
    }

    /** Kills a node's JVM with SIGKILL, as a crash would: no suspend, no shutdown, no goodbye to the cluster. */
    void kill(int number) throws IOException, InterruptedException {
        long pid = Long.parseLong(env.get("PORTICO_NODE" + number + "_PID"));
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        ProcessHandle.of(pid).ifPresent(handle -> handle.onExit().join());
    }

    /** Whether the balancer sends requests to the node: its readiness as HAProxy's health check sees it. */
    boolean ready(int number) {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(env.get("PORTICO_NODE" + number + "_MANAGEMENT_URL") + "/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    Path dataDir() {
        return dataDir;
    }

    /** Stops HAProxy, the nodes and the script's PostgreSQL (SIGTERM to the script, as Ctrl-C), and waits for them. */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> started = script.descendants().toList();
        script.destroy();
        if (!script.waitFor(3, java.util.concurrent.TimeUnit.MINUTES)) {
            script.destroyForcibly();
        }
        // Nothing may outlive the script; if something did, that is a bug of run-cluster.sh worth a failure.
        List<ProcessHandle> left = started.stream().filter(ProcessHandle::isAlive).toList();
        left.forEach(ProcessHandle::destroyForcibly);
        if (!left.isEmpty()) {
            throw new IllegalStateException("run-cluster.sh left processes behind: "
                    + left.stream().map(p -> p.pid() + " " + p.info().command().orElse("?")).toList());
        }
    }
}
