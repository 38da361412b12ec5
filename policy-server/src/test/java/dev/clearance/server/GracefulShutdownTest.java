package dev.clearance.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clearance.PolicyEngine;
import dev.clearance.rules.DefaultRulePack;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GracefulShutdownTest {

    @Test
    void close_withRequestInFlight_drainsItThenStopsAccepting() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // the audit sink runs on the evaluating thread: holding it keeps the request in flight
        PolicyEngine engine = PolicyEngine.builder()
                .rulePack(DefaultRulePack.v1())
                .decisionLog(record -> {
                    entered.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })
                .build();
        ClearanceServer server = ClearanceServer.builder()
                .engine(engine)
                .port(0)
                .shutdownTimeout(Duration.ofSeconds(20))
                .build()
                .start();
        int port = server.port();
        HttpClient http = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(
                HttpRequest.newBuilder(server.uri().resolve("/v1/decisions"))
                        .header("Content-Type", "application/json")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "{\"destination\": {\"product\": \"openai:api\"}, \"data\": {\"classification\": \"PUBLIC\"}}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        // new connections are refused while the in-flight request is still being decided
        assertThatEventuallyRefused(port);
        assertThat(closing).isNotDone();
        release.countDown();

        assertThat(inFlight.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        closing.get(20, TimeUnit.SECONDS);
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 90, unit = TimeUnit.SECONDS)
    void close_underSlowBodiesAndNormalLoad_returnsInTimeWithoutStackTrace() throws Exception {
        PolicyEngine engine = PolicyEngine.builder()
                .rulePack(DefaultRulePack.v1())
                .decisionLog(dev.clearance.decisionlog.DecisionLog.none())
                .build();
        ClearanceServer server = ClearanceServer.builder()
                .engine(engine)
                .port(0)
                .threads(4)
                .shutdownTimeout(Duration.ofSeconds(5))
                .build()
                .start();
        ch.qos.logback.classic.Logger root =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
                new ch.qos.logback.core.read.ListAppender<>();
        logs.start();
        root.addAppender(logs);
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        long took;
        CompletableFuture<LoadGenerator.Result> load;
        try (SlowBodyAttack attack = new SlowBodyAttack(server.port(), 300, 500)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (attack.connected() < 300 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(attack.connected()).isEqualTo(300);
            load = CompletableFuture.supplyAsync(() -> {
                try {
                    return LoadGenerator.run(server.uri(), 20_000, 4);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(1_000); // normal requests in flight

            long t0 = System.nanoTime();
            server.close();
            took = System.nanoTime() - t0;
        } finally {
            System.setErr(stderr);
            root.detachAppender(logs);
        }
        LoadGenerator.Result r = load.get(60, TimeUnit.SECONDS); // ends: the server refuses or answers 503
        assertThat(r.errors()).as("requests after the stop fail").isPositive();
        // behaviour, not a timing target: close() returns (bounded by its 5 s timeout, plus slack for a loaded CI
        // machine)
        assertThat(took).as("close() returns").isLessThan(TimeUnit.SECONDS.toNanos(30));
        assertThat(logs.list).as("no warning, error or stack trace logged").allSatisfy(e -> {
            assertThat(e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN))
                    .as(e.toString())
                    .isFalse();
            assertThat(e.getThrowableProxy()).as(e.toString()).isNull();
        });
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8))
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    private static void assertThatEventuallyRefused(int port) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                assertThat(s.isConnected()).isTrue(); // still accepting: wait and try again
                Thread.sleep(25);
            } catch (IOException refused) {
                return;
            }
        }
        throw new AssertionError("the server still accepts connections after close() began");
    }
}
