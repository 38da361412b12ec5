package dev.clearance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GatewayCommandTest {
    @TempDir
    Path tmp;

    static final String CONFIG = """
            identity:
              header: X-User
            routes:
              - prefix: /openai
                api: openai
                upstream: http://127.0.0.1:9
                product: openai:api
            """;

    private static int run(StringWriter err, String... args) {
        return ClearanceCli.run(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
    }

    @Test
    void withoutConfig_isAUsageError() {
        assertThat(run(new StringWriter(), "gateway")).isEqualTo(ClearanceCli.USAGE);
        assertThat(run(new StringWriter(), "gateway", "--config", "x.yaml", "--port", "70000"))
                .isEqualTo(ClearanceCli.USAGE);
    }

    @Test
    void packUrl_ofAnotherScheme_isAUsageError() throws Exception {
        Path file = Files.writeString(tmp.resolve("gateway.yaml"), CONFIG, StandardCharsets.UTF_8);
        StringWriter err = new StringWriter();

        int code = run(err, "gateway", "--config", file.toString(), "--pack-url", "ftp://example.com/p.bundle");

        assertThat(code).isEqualTo(ClearanceCli.USAGE);
        assertThat(err.toString()).contains("--pack-url must be an https:, http: or file: URL or a file path");
    }

    @Test
    void packUrl_polls_andHealthSaysSo() throws Exception {
        Path file = Files.writeString(tmp.resolve("gateway.yaml"), CONFIG, StandardCharsets.UTF_8);
        GatewayCommand command = new GatewayCommand();
        CommandLine cli = new CommandLine(command);
        cli.setErr(new PrintWriter(new StringWriter()));
        // no bundle there yet: the poll fails, the built-in pack keeps serving
        String missing = tmp.resolve("fleet.bundle").toString();
        Thread t = new Thread(() -> cli.execute("--config", file.toString(), "--port", "0", "--pack-url", missing));
        t.start();
        try {
            assertThat(command.started.await(60, TimeUnit.SECONDS)).isTrue();
            HttpResponse<String> health = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(command.gateway.uri().resolve("/health"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"polling\":true");
        } finally {
            if (command.gateway != null) {
                command.gateway.close();
            }
            t.join(30_000);
        }
        assertThat(t.isAlive()).isFalse();
    }

    @Test
    void anInvalidConfig_exits3_namingTheKeyPathNotTheValue() throws Exception {
        Path file = Files.writeString(
                tmp.resolve("gateway.yaml"),
                CONFIG + "limits:\n  maxBodyBytez: s3cr3t-looking-value\n",
                StandardCharsets.UTF_8);
        StringWriter err = new StringWriter();

        int code = run(err, "gateway", "--config", file.toString());

        assertThat(code).isEqualTo(ClearanceCli.INVALID_INPUT);
        assertThat(err.toString())
                .contains("limits.maxBodyBytez: unknown key")
                .doesNotContain("s3cr3t")
                .doesNotContain("\tat ");
    }

    @Test
    void servesHealthUntilStopped() throws Exception {
        Path file = Files.writeString(tmp.resolve("gateway.yaml"), CONFIG, StandardCharsets.UTF_8);
        GatewayCommand command = new GatewayCommand();
        CommandLine cli = new CommandLine(command);
        cli.setErr(new PrintWriter(new StringWriter()));
        Thread t = new Thread(() -> cli.execute("--config", file.toString(), "--port", "0"));
        t.start();
        try {
            assertThat(command.started.await(60, TimeUnit.SECONDS)).isTrue();
            HttpResponse<String> health = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(command.gateway.uri().resolve("/health"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("UP");
            assertThat(URI.create(command.gateway.uri().toString()).getHost()).isEqualTo("127.0.0.1");
        } finally {
            if (command.gateway != null) {
                command.gateway.close();
            }
            t.join(30_000);
        }
        assertThat(t.isAlive()).isFalse();
    }
}
