package dev.clearance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
    @TempDir
    Path tmp;

    private static int run(StringWriter err, String... args) {
        return ClearanceCli.run(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
    }

    @Test
    void serve_invalidOptions_exit2() {
        assertThat(run(new StringWriter(), "serve", "--threads", "0")).isEqualTo(ClearanceCli.USAGE);
        assertThat(run(new StringWriter(), "serve", "--port", "70000")).isEqualTo(ClearanceCli.USAGE);
        assertThat(run(new StringWriter(), "serve", "--max-body-bytes", "-1")).isEqualTo(ClearanceCli.USAGE);
    }

    @Test
    void serve_portInUse_failsWithOneLineAndNoStackTrace() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            StringWriter err = new StringWriter();

            int code = run(err, "serve", "--port", String.valueOf(taken.getLocalPort()));

            assertThat(code).isEqualTo(ClearanceCli.FAILED);
            assertThat(err.toString())
                    .contains("cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void serve_sigterm_drainsAndFlushesTheAuditLog() throws Exception {
        Path audit = tmp.resolve("audit.jsonl");
        Path key = Files.write(
                tmp.resolve("audit.key"), "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        ClearanceCli.class.getName(),
                        "serve",
                        "--port",
                        "0",
                        "--audit-log",
                        audit.toString(),
                        "--audit-key-file",
                        key.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BlockingQueue<String> stderr = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader err =
                        new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                    for (String line = err.readLine(); line != null; line = err.readLine()) {
                        stderr.add(line);
                    }
                } catch (IOException ended) {
                    // the process is gone
                }
            });
            reader.setDaemon(true);
            reader.start();
            URI base = null;
            Pattern serving = Pattern.compile("serving .* on (http://\\S+)");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (base == null && System.nanoTime() < deadline) {
                String line = stderr.poll(1, TimeUnit.SECONDS);
                Matcher m = serving.matcher(line == null ? "" : line);
                if (m.find()) {
                    base = URI.create(m.group(1));
                }
            }
            assertThat(base).as("the server announces its address").isNotNull();
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(base.resolve("v1/decisions"))
                                .header("Content-Type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"destination\": {\"product\": \"openai:api\"}, \"data\": {\"content\": \"x\"}}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
            }

            p.destroy(); // SIGTERM

            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            List<String> lines = Files.readAllLines(audit);
            assertThat(lines).hasSize(3).allMatch(l -> l.startsWith("{\"decisionId\""));
            // a configured key makes the content hash stable across processes
            assertThat(lines.get(0)).contains("\"contentHash\":\"");
            assertThat(lines.stream()
                            .map(l -> l.replaceAll(".*\"contentHash\":\"([0-9a-f]+)\".*", "$1"))
                            .distinct())
                    .hasSize(1);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void serve_metrics_countDecisionsOnceWithFindingsByType() throws Exception {
        ServeCommand command = new ServeCommand();
        picocli.CommandLine cli = new picocli.CommandLine(command);
        cli.setErr(new PrintWriter(new StringWriter(), true));
        cli.setOut(new PrintWriter(new StringWriter()));
        Thread server = new Thread(() -> cli.execute("--port", "0"));
        server.setDaemon(true);
        server.start();
        try {
            assertThat(command.started.await(60, TimeUnit.SECONDS)).isTrue();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> decided = http.send(
                    HttpRequest.newBuilder(command.server.uri().resolve("/v1/decisions"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"destination\": {\"product\": \"openai:api\"}, \"data\": {\"content\":"
                                            + " \"mail sam.lee@example.org today\"}}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(decided.statusCode()).isEqualTo(200);

            String metrics = get(http, command.server.uri().resolve("/metrics"));

            assertThat(metrics).containsPattern("clearance_findings_total\\{type=\"EMAIL_ADDRESS\"} [1-9]");
            assertThat(metrics.lines()
                            .filter(l -> l.startsWith("clearance_decisions_total{"))
                            .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                            .sum())
                    .isEqualTo(1.0);
        } finally {
            command.server.close();
        }
    }

    @Test
    void serve_watch_reloadsAGoodPackAndKeepsItWhenTheNextIsBroken() throws Exception {
        Path pack = Files.createDirectories(tmp.resolve("pack"));
        writePack(pack, "1", "verdict.allow(\"v1\");");
        ServeCommand command = new ServeCommand();
        picocli.CommandLine cli = new picocli.CommandLine(command);
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter()));
        Thread server = new Thread(() -> cli.execute("--port", "0", "--pack", pack.toString(), "--watch"));
        server.setDaemon(true);
        server.start();
        try {
            assertThat(command.started.await(60, TimeUnit.SECONDS)).isTrue();
            URI health = command.server.uri().resolve("/health");
            HttpClient http = HttpClient.newHttpClient();
            assertThat(get(http, health)).contains("\"packVersion\":\"1\"");

            writePack(pack, "2", "verdict.allow(\"v2\");");
            assertThat(waitFor(http, health, "\"packVersion\":\"2\"")).isTrue();

            writePack(pack, "3", "verdict.allow(");
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!err.toString().contains("rejected") && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertThat(err.toString()).contains("rejected hot@3, still serving hot@2");
            assertThat(get(http, health)).contains("\"packVersion\":\"2\"");
        } finally {
            command.server.close();
        }
    }

    @Test
    void serve_watchUnderATrustedKey_refusesAnOlderSignedPackUnlessRollbackIsAllowed() throws Exception {
        java.security.KeyPair keys = dev.clearance.pack.PackTrust.generateKeyPair();
        Path pub = Files.writeString(tmp.resolve("pub.pem"), dev.clearance.pack.PackTrust.toPem(keys.getPublic()));
        Path pack = Files.createDirectories(tmp.resolve("signed"));
        writePack(pack, "2", "verdict.allow(\"v2\");");
        dev.clearance.pack.PackTrust.sign(pack, keys.getPrivate());
        ServeCommand command = new ServeCommand();
        picocli.CommandLine cli = new picocli.CommandLine(command);
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter()));
        Thread server = new Thread(() ->
                cli.execute("--port", "0", "--pack", pack.toString(), "--watch", "--trusted-key", pub.toString()));
        server.setDaemon(true);
        server.start();
        try {
            assertThat(command.started.await(60, TimeUnit.SECONDS)).isTrue();
            URI health = command.server.uri().resolve("/health");
            HttpClient http = HttpClient.newHttpClient();

            writePack(pack, "1", "verdict.allow(\"v1\");");
            dev.clearance.pack.PackTrust.sign(pack, keys.getPrivate());
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!err.toString().contains("rejected") && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertThat(err.toString())
                    .contains("rejected hot@1, still serving hot@2: version 1 is older than serving version 2");
            String body = get(http, health);
            assertThat(body).contains("\"packVersion\":\"2\"").contains("\"refusedRollbacks\":1");
            assertThat(get(http, command.server.uri().resolve("/metrics")))
                    .contains("clearance_pack_rollbacks_refused_total 1");
        } finally {
            command.server.close();
        }
    }

    @Test
    void serve_allowRollback_needsWatchAndATrustedKey() {
        StringWriter err = new StringWriter();
        assertThat(run(err, "serve", "--allow-rollback")).isEqualTo(ClearanceCli.USAGE);
        assertThat(err.toString()).contains("--allow-rollback needs --watch and --trusted-key");
    }

    private static void writePack(Path dir, String version, String action) throws IOException {
        Files.writeString(dir.resolve("rules.drl"), """
                package hot;
                import dev.clearance.facts.*;
                global dev.clearance.facts.Verdict verdict;
                rule "allow" when Data() then %s end
                """.formatted(action));
        Files.writeString(dir.resolve("pack.yaml"), "id: hot\nversion: \"" + version + "\"\n");
    }

    private static String get(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static boolean waitFor(HttpClient http, URI uri, String text) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < until) {
            if (get(http, uri).contains(text)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
