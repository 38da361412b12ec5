package dev.clearance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy author's loop as one transcript: init → check → test --format junit → explain → keygen → bundle →
 * a server polling an HTTP URL picks up the new signed bundle. Written to {@code target/transcript-19.txt}
 * (temporary paths shown as {@code $WORK}).
 */
class AuthorTranscriptTest {
    @TempDir
    Path tmp;

    private final StringBuilder transcript = new StringBuilder();

    private String run(int expectedCode, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ClearanceCli.run(args, new PrintWriter(out), new PrintWriter(err));
        String shown = (out.toString() + err).replace(tmp.toString(), "$WORK");
        transcript
                .append("$ clearance ")
                .append(String.join(" ", args).replace(tmp.toString(), "$WORK"))
                .append('\n')
                .append(shown)
                .append(shown.endsWith("\n") || shown.isEmpty() ? "" : "\n")
                .append("[exit ")
                .append(code)
                .append("]\n\n");
        assertThat(code).as(shown).isEqualTo(expectedCode);
        return out.toString();
    }

    @Test
    void initCheckTestExplainBundleServe() throws Exception {
        Path pack = tmp.resolve("my-pack");
        run(0, "init", pack.toString());
        run(0, "check", pack.toString());
        String junit = run(
                0,
                "test",
                "--format",
                "junit",
                pack.toString(),
                pack.resolve(InitCommand.CASES).toString());
        assertThat(junit).contains("<testsuite").contains("failures=\"0\"");

        Path request = Files.writeString(tmp.resolve("request.json"), """
                {"destination": {"product": "openai:chatgpt-free"},
                 "data": {"classification": "INTERNAL", "content": "Draft the release notes."}}
                """);
        transcript
                .append("$ cat $WORK/request.json\n")
                .append(Files.readString(request))
                .append('\n');
        String explained = run(0, "explain", request.toString());
        assertThat(explained).contains("would change it:");

        Path keys = tmp.resolve("keys/policy");
        run(0, "keygen", "--out", keys.toString());
        Path v1 = tmp.resolve("my-pack-1.bundle");
        run(0, "bundle", pack.toString(), "--key", keys + ".pem", "--out", v1.toString());

        // the bundle server: a loopback HTTP server with ETags, as a CDN or object store would answer
        AtomicInteger notModified = new AtomicInteger();
        Path served = tmp.resolve("served.bundle");
        Files.copy(v1, served);
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/packs/my-pack.bundle", ex -> {
            byte[] body = Files.readAllBytes(served);
            String etag = "\"" + dev.clearance.internal.pack.PackSignatures.sha256(body) + "\"";
            if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.incrementAndGet();
                ex.sendResponseHeaders(304, -1);
            } else {
                ex.getResponseHeaders().add("ETag", etag);
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(body);
                }
            }
            ex.close();
        });
        http.start();
        String url = "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":"
                + http.getAddress().getPort() + "/packs/my-pack.bundle";

        ServeCommand command = new ServeCommand();
        picocli.CommandLine cli = new picocli.CommandLine(command);
        StringWriter serverErr = new StringWriter();
        cli.setErr(new PrintWriter(serverErr, true));
        cli.setOut(new PrintWriter(new StringWriter()));
        String[] serveArgs = {
            "--port",
            "0",
            "--pack",
            v1.toString(),
            "--pack-url",
            url,
            "--poll-interval-ms",
            "200",
            "--trusted-key",
            keys + ".pub.pem"
        };
        Thread server = new Thread(() -> cli.execute(serveArgs));
        server.setDaemon(true);
        server.start();
        try {
            assertThat(command.started.await(60, TimeUnit.SECONDS)).isTrue();
            HttpClient client = HttpClient.newHttpClient();
            URI health = command.server.uri().resolve("/health");
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (notModified.get() == 0 && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertThat(notModified.get())
                    .as("the poller sent If-None-Match and got 304")
                    .isPositive();

            // the author bumps the version and publishes a new bundle
            Path manifest = pack.resolve("pack.yaml");
            Files.writeString(manifest, Files.readString(manifest).replace("version: \"1\"", "version: \"2\""));
            Path v2 = tmp.resolve("my-pack-2.bundle");
            run(0, "bundle", pack.toString(), "--key", keys + ".pem", "--out", v2.toString());
            Files.copy(v2, served, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

            until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String body = "";
            while (!body.contains("\"packVersion\":\"2\"") && System.nanoTime() < until) {
                Thread.sleep(100);
                body = client.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString())
                        .body();
            }
            assertThat(body).contains("\"packVersion\":\"2\"");
            transcript
                    .append("$ clearance ")
                    .append(String.join(" ", serveArgs)
                            .replace(tmp.toString(), "$WORK")
                            .replaceAll(":[0-9]+/packs", ":PORT/packs")
                            .replaceFirst("^", "serve "))
                    .append('\n')
                    .append(serverErr
                            .toString()
                            .replace(tmp.toString(), "$WORK")
                            .replaceAll("127\\.0\\.0\\.1:[0-9]+", "127.0.0.1:PORT"))
                    .append("(the poller got ")
                    .append(notModified.get() > 0 ? "304 Not Modified while the bundle was unchanged" : "")
                    .append(")\n$ curl http://127.0.0.1:PORT/health\n")
                    .append(body)
                    .append('\n');
        } finally {
            command.server.close();
            http.stop(0);
            Path out = Path.of("target", "transcript-19.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, transcript.toString());
        }
    }
}
