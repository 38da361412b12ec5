package dev.clearance.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streams hold no thread while they wait on the upstream: with {@code limits.threads: 2} (and Jetty's 16 server
 * threads), 26 slow streams are all open at the upstream at once, and all complete.
 */
class NonBlockingStreamsTest {
    static final int THREADS = 2;
    static final int STREAMS = 16 + 10;

    @TempDir
    Path dir;

    Fixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new Fixture(dir, "limits:\n  threads: " + THREADS + "\n");
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void moreConcurrentSlowStreamsThanThreads_allComplete() throws Exception {
        CountDownLatch allOpen = new CountDownLatch(STREAMS);
        fx.upstream.script(r -> {
            allOpen.countDown();
            boolean together;
            try {
                // each stream waits until every one of them reached the upstream: a gateway holding a thread per
                // stream never gets there
                together = allOpen.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                together = false;
            }
            if (!together) {
                return FakeUpstream.json(500, "{}");
            }
            return FakeUpstream.sseSlowly(
                    List.of(
                            OpenAiChatSdkTest.chunk("one ", null),
                            OpenAiChatSdkTest.chunk("two ", null),
                            OpenAiChatSdkTest.chunk("three", "stop"),
                            "data: [DONE]\n\n"),
                    100);
        });
        String body =
                "{\"model\":\"gpt-test\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"count\"}]}";
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            calls.add(http.sendAsync(
                    HttpRequest.newBuilder(URI.create(fx.base("/openai") + "/v1/chat/completions"))
                            .timeout(Duration.ofSeconds(90))
                            .header("Content-Type", "application/json")
                            .header("X-Clearance-User", "alice")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }

        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);

        for (CompletableFuture<HttpResponse<String>> c : calls) {
            HttpResponse<String> r = c.get();
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body())
                    .contains("\"one \"")
                    .contains("\"three\"")
                    .contains("[DONE]")
                    .doesNotContain("error");
        }
        assertThat(fx.upstream.received).hasSize(STREAMS);
    }
}
