package dev.clearance.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.PermissionDeniedException;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Model;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official anthropic-java SDK pointed at the gateway. */
class AnthropicSdkTest {
    static final String EMAIL = "riley.chen@example.net";

    @TempDir
    Path dir;

    Fixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new Fixture(dir);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    AnthropicClient client(String... headers) {
        AnthropicOkHttpClient.Builder b = AnthropicOkHttpClient.builder()
                .baseUrl(fx.base("/anthropic"))
                .apiKey("caller-key-not-for-upstream")
                .maxRetries(0)
                .timeout(Duration.ofSeconds(20))
                .putHeader("X-Clearance-User", "alice");
        for (int i = 0; i < headers.length; i += 2) {
            b.putHeader(headers[i], headers[i + 1]);
        }
        return b.build();
    }

    static MessageCreateParams ask(String text) {
        return MessageCreateParams.builder()
                .model(Model.of("claude-test"))
                .maxTokens(256)
                .system("Be brief.")
                .addUserMessage(text)
                .build();
    }

    static String message(String text) {
        return """
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-test","content":[
                 {"type":"text","text":%s}],"stop_reason":"end_turn","stop_sequence":null,
                 "usage":{"input_tokens":1,"output_tokens":1}}""".formatted(TextNode.valueOf(text));
    }

    static String event(String type, String json) {
        return "event: " + type + "\ndata: " + json + "\n\n";
    }

    @Test
    void redact_plain() {
        fx.upstream.script(r -> FakeUpstream.json(200, message("Replying to " + Fixture.placeholder(r.text()))));

        Message m = client().messages().create(ask("Answer " + EMAIL + " politely."));

        FakeUpstream.Received got = fx.upstream.last();
        assertThat(got.path()).isEqualTo("/v1/messages");
        assertThat(got.text()).doesNotContain(EMAIL);
        assertThat(got.headers().get("x-api-key")).isEqualTo(Fixture.UPSTREAM_KEY);
        assertThat(got.headers().get("anthropic-version")).isNotBlank();
        assertThat(m.content().get(0).text().orElseThrow().text()).isEqualTo("Replying to " + EMAIL);
    }

    @Test
    void redact_streaming() {
        fx.upstream.script(r -> {
            String p = Fixture.placeholder(r.text());
            return FakeUpstream.sse(List.of(
                    event(
                            "message_start",
                            "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":"
                                    + "\"message\",\"role\":\"assistant\",\"model\":\"claude-test\",\"content\":[],"
                                    + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":1,"
                                    + "\"output_tokens\":1}}}"),
                    event(
                            "content_block_start",
                            "{\"type\":\"content_block_start\",\"index\":0,"
                                    + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
                    event(
                            "content_block_delta",
                            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                                    + "{\"type\":\"text_delta\",\"text\":\"Hi " + p.substring(0, 4) + "\"}}"),
                    event(
                            "content_block_delta",
                            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                                    + "{\"type\":\"text_delta\",\"text\":\"" + p.substring(4) + "\"}}"),
                    event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
                    event(
                            "message_delta",
                            "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                                    + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":2}}"),
                    event("message_stop", "{\"type\":\"message_stop\"}")));
        });

        String text;
        try (StreamResponse<RawMessageStreamEvent> s = client().messages().createStreaming(ask("Greet " + EMAIL))) {
            text = s.stream()
                    .flatMap(e -> e.contentBlockDelta().stream())
                    .flatMap(d -> d.delta().text().stream())
                    .map(t -> t.text())
                    .collect(Collectors.joining());
        }

        assertThat(fx.upstream.last().text()).doesNotContain(EMAIL);
        assertThat(text).isEqualTo("Hi " + EMAIL);
    }

    @Test
    void deny_raisesThePermissionErrorNamingTheRule() {
        assertThatThrownBy(() -> client("X-Clearance-Classification", "RESTRICTED")
                        .messages()
                        .create(ask("The merger memo")))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("classification.restricted-local-only");
        assertThat(fx.upstream.received).isEmpty();
    }
}
