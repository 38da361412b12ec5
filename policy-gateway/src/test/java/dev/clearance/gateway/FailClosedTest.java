package dev.clearance.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every failure is an error in the provider's shape, counted, and never forwards or returns unchecked text. */
class FailClosedTest {
    static final String EMAIL = "casey.ng@example.com";
    static final String CHAT = "/openai/v1/chat/completions";

    @TempDir
    Path dir;

    Fixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new Fixture(dir, """
                limits:
                  upstreamTimeoutMillis: 1500
                  streamIdleTimeoutMillis: 1500
                  maxBodyBytes: 65536
                """);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    static String ask(String text, boolean stream) {
        return "{\"model\":\"gpt-test\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\""
                + text + "\"}]}";
    }

    HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        return Raw.post(fx.base("") + path, body, headers);
    }

    void assertCounted(String kind) {
        assertThat(fx.gateway.metrics()).contains("clearance_gateway_errors_total{kind=\"" + kind + "\"} 1");
    }

    @Test
    void upstreamTimeout_is504() throws Exception {
        fx.upstream.script(r -> FakeUpstream.hang(4000));

        HttpResponse<String> r = post(CHAT, ask("hello", false));

        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(r.body()).contains("\"error\"").contains("clearance_upstream_timeout");
        assertCounted("upstream_timeout");
    }

    @Test
    void connectionRefused_is502() throws Exception {
        HttpResponse<String> r = post("/dead/v1/chat/completions", ask("hello", false));

        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body()).contains("clearance_upstream_refused");
        assertCounted("upstream_refused");
    }

    @Test
    void upstream5xx_is502_withoutTheUpstreamsBody() throws Exception {
        fx.upstream.script(r -> FakeUpstream.json(500, "{\"error\":{\"message\":\"internal detail 42\"}}"));

        HttpResponse<String> r = post(CHAT, ask("hello", false));

        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body()).contains("clearance_upstream_5xx").doesNotContain("internal detail 42");
        assertCounted("upstream_5xx");
    }

    @Test
    void malformedUpstreamAnswer_is502() throws Exception {
        fx.upstream.script(r -> FakeUpstream.json(200, "this is not json " + EMAIL));

        HttpResponse<String> r = post(CHAT, ask("hello", false));

        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body()).doesNotContain(EMAIL);
        assertCounted("upstream_malformed");
    }

    @Test
    void malformedUpstreamStream_isCutWithAnErrorEvent() throws Exception {
        fx.upstream.script(r ->
                FakeUpstream.sse(List.of(OpenAiChatSdkTest.chunk("Hello ", null), "data: {broken " + EMAIL + "\n\n")));

        HttpResponse<String> r = post(CHAT, ask("hello", true));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains("Hello")
                .contains("clearance_upstream_malformed")
                .doesNotContain(EMAIL);
        assertCounted("upstream_malformed");
    }

    @Test
    void aStreamThatEndsEarly_endsWithAnErrorEvent() throws Exception {
        fx.upstream.script(r -> FakeUpstream.sse(List.of(OpenAiChatSdkTest.chunk("partial answer", null))));

        HttpResponse<String> r = post(CHAT, ask("hello", true));

        assertThat(r.body()).contains("partial").contains("clearance_upstream_stream_ended");
    }

    @Test
    void aNewValueInTheAnswerIsRedacted_andCutsAStream() throws Exception {
        fx.upstream.script(r -> FakeUpstream.json(200, OpenAiChatSdkTest.completion("Ask " + EMAIL + " about it.")));
        HttpResponse<String> whole = post(CHAT, ask("who knows?", false));
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).doesNotContain(EMAIL).contains("[EMAIL_ADDRESS");

        fx.upstream.script(r -> FakeUpstream.sse(List.of(
                OpenAiChatSdkTest.chunk("Ask ", null),
                OpenAiChatSdkTest.chunk(EMAIL + " about it.", null),
                OpenAiChatSdkTest.chunk("", "stop"),
                "data: [DONE]\n\n")));
        HttpResponse<String> streamed = post(CHAT, ask("who knows?", true));
        assertThat(streamed.body()).doesNotContain(EMAIL).contains("clearance_answer_blocked");
        assertCounted("answer_blocked");
    }

    @Test
    void clientDisconnectMidStream_abortsTheUpstream_andIsCounted() throws Exception {
        List<String> events = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            events.add(OpenAiChatSdkTest.chunk("word" + i + " ", null));
        }
        fx.upstream.script(r -> FakeUpstream.sseSlowly(events, 100));
        HttpRequest req = HttpRequest.newBuilder(URI.create(fx.base("") + CHAT))
                .header("Content-Type", "application/json")
                .header("X-Clearance-User", "alice")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(ask("count", true)))
                .build();
        HttpResponse<InputStream> r = Raw.CLIENT.send(req, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            assertThat(new String(in.readNBytes(20), StandardCharsets.UTF_8)).startsWith("data: ");
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!fx.gateway.metrics().contains("kind=\"client_disconnect\"") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertCounted("client_disconnect");
        assertThat(fx.gateway.metrics()).contains("clearance_gateway_open_streams 0");
    }

    @Test
    void aBodyOverTheLimit_is413_andNotForwarded() throws Exception {
        HttpResponse<String> r = post(CHAT, ask("x".repeat(70_000), false));

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("clearance_body_too_large");
        assertThat(fx.upstream.received).isEmpty();
        assertCounted("body_too_large");
    }

    @Test
    void unparseableRequests_are400_andNotForwarded() throws Exception {
        assertThat(post(CHAT, "{not json " + EMAIL).body())
                .contains("clearance_bad_request")
                .doesNotContain(EMAIL);
        assertThat(post(CHAT, "[1,2]").statusCode()).isEqualTo(400);
        assertThat(fx.upstream.received).isEmpty();
    }

    @Test
    void callersMustBeIdentified_mayNotLowerTheClassification_andOnlyKnownEndpointsAreServed() throws Exception {
        HttpResponse<String> anonymous = Raw.CLIENT.send(
                HttpRequest.newBuilder(URI.create(fx.base("") + CHAT))
                        .POST(HttpRequest.BodyPublishers.ofString(ask("hi", false)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);

        HttpResponse<String> lowered = post(CHAT, ask("hi", false), "X-Clearance-Classification", "PUBLIC");
        assertThat(lowered.statusCode()).isEqualTo(400);
        assertThat(lowered.body()).contains("never lower");

        assertThat(post("/openai/v1/files", "{}").statusCode()).isEqualTo(404);
        assertThat(post("/nowhere/v1/chat/completions", "{}").statusCode()).isEqualTo(404);
        assertThat(fx.upstream.received).isEmpty();
    }

    @Test
    void healthAndMetrics() throws Exception {
        HttpResponse<String> health = Raw.get(fx.base("/health"));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("clearance-default");

        fx.upstream.script(r -> FakeUpstream.json(200, OpenAiChatSdkTest.completion("ok")));
        post(CHAT, ask("hello", false));
        HttpResponse<String> metrics = Raw.get(fx.base("/metrics"));
        assertThat(metrics.body()).contains("clearance_gateway_requests_total{outcome=\"allow\"} 1");
    }

    @Test
    void gracefulShutdownLetsAStreamInFlightFinish() throws Exception {
        List<String> events = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(OpenAiChatSdkTest.chunk("w" + i + " ", null));
        }
        events.add(OpenAiChatSdkTest.chunk("", "stop"));
        events.add("data: [DONE]\n\n");
        fx.upstream.script(r -> FakeUpstream.sseSlowly(events, 100));
        HttpRequest req = HttpRequest.newBuilder(URI.create(fx.base("") + CHAT))
                .header("Content-Type", "application/json")
                .header("X-Clearance-User", "alice")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(ask("count", true)))
                .build();
        HttpResponse<InputStream> r = Raw.CLIENT.send(req, HttpResponse.BodyHandlers.ofInputStream());
        Thread closer = new Thread(fx.gateway::close);
        String all;
        try (InputStream in = r.body()) {
            byte[] first = in.readNBytes(10);
            closer.start();
            all = new String(first, StandardCharsets.UTF_8) + new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        closer.join(20_000);

        assertThat(all).contains("w9 ").contains("[DONE]");
    }
}
