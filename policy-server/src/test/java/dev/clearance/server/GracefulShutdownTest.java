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
