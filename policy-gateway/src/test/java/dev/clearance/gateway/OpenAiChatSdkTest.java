package dev.clearance.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.PermissionDeniedException;
import com.openai.models.ChatModel;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official openai-java SDK pointed at the gateway, the gateway at a scripted upstream. */
class OpenAiChatSdkTest {
    static final String EMAIL = "jordan.lee@example.org";

    @TempDir
    Path dir;

    Fixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new Fixture(dir);
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    OpenAIClient client(String prefix, String... headers) {
        OpenAIOkHttpClient.Builder b = OpenAIOkHttpClient.builder()
                .baseUrl(fx.base(prefix) + "/v1")
                .apiKey("caller-key-the-upstream-must-not-see")
                .maxRetries(0)
                .timeout(Duration.ofSeconds(20))
                .putHeader("X-Clearance-User", "alice");
        for (int i = 0; i < headers.length; i += 2) {
            b.putHeader(headers[i], headers[i + 1]);
        }
        return b.build();
    }

    static String completion(String content) {
        return """
                {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-test","choices":[
                 {"index":0,"message":{"role":"assistant","content":%s},"finish_reason":"stop"}]}""".formatted(com.fasterxml.jackson.databind.node.TextNode.valueOf(content)
                .toString());
    }

    static String chunk(String content, String finish) {
        return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-test\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":"
                + com.fasterxml.jackson.databind.node.TextNode.valueOf(content)
                + "},\"finish_reason\":" + (finish == null ? "null" : "\"" + finish + "\"") + "}]}\n\n";
    }

    static ChatCompletionCreateParams ask(String text) {
        return ChatCompletionCreateParams.builder()
                .model(ChatModel.of("gpt-test"))
                .addSystemMessage("You are terse.")
                .addUserMessage(text)
                .build();
    }

    @Test
    void allow_isForwardedByteForByte_withTheUpstreamKeyOnly() {
        fx.upstream.script(r -> FakeUpstream.json(200, completion("Paris.")));

        ChatCompletion c = client("/openai").chat().completions().create(ask("What is the capital of France?"));

        assertThat(c.choices().get(0).message().content()).contains("Paris.");
        FakeUpstream.Received got = fx.upstream.last();
        assertThat(got.path()).isEqualTo("/v1/chat/completions");
        assertThat(got.text()).contains("What is the capital of France?").contains("\"model\":\"gpt-test\"");
        assertThat(got.headers().get("Authorization")).isEqualTo("Bearer " + Fixture.UPSTREAM_KEY);
        assertThat(got.headers()).doesNotContainKey("X-Clearance-User");
        assertThat(got.text()).doesNotContain("caller-key");
    }

    @Test
    void allow_unknownFieldsPassThroughUntouched() throws Exception {
        fx.upstream.script(r -> FakeUpstream.json(200, completion("ok")));
        String body = "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}],"
                + "\"x_vendor_field\":{\"nested\":[1,2,3]},  \"temperature\":0.5}";

        java.net.http.HttpResponse<String> resp = Raw.post(fx.base("/openai") + "/v1/chat/completions", body);

        assertThat(resp.statusCode()).isEqualTo(200);
        assertThat(fx.upstream.last().text()).isEqualTo(body);
    }

    @Test
    void redact_upstreamSeesAPlaceholder_callerSeesTheValue() {
        fx.upstream.script(r ->
                FakeUpstream.json(200, completion("I will write to " + Fixture.placeholder(r.text()) + " today.")));

        ChatCompletion c =
                client("/openai").chat().completions().create(ask("Draft a note to " + EMAIL + " about the invoice."));

        assertThat(fx.upstream.last().text()).doesNotContain(EMAIL).contains("[EMAIL_ADDRESS_");
        assertThat(c.choices().get(0).message().content()).contains("I will write to " + EMAIL + " today.");
    }

    @Test
    void redact_streaming_restoresAPlaceholderSplitAcrossChunks() {
        fx.upstream.script(r -> {
            String p = Fixture.placeholder(r.text());
            int half = p.length() / 2;
            return FakeUpstream.sse(List.of(
                    chunk("Sending to ", null),
                    chunk(p.substring(0, half), null),
                    chunk(p.substring(half) + " now", null),
                    chunk("", "stop"),
                    "data: [DONE]\n\n"));
        });

        String text;
        try (StreamResponse<ChatCompletionChunk> s =
                client("/openai").chat().completions().createStreaming(ask("Remind " + EMAIL + " of the meeting."))) {
            text = s.stream()
                    .flatMap(ch -> ch.choices().stream())
                    .map(ch -> ch.delta().content().orElse(""))
                    .collect(Collectors.joining());
        }

        assertThat(fx.upstream.last().text()).doesNotContain(EMAIL);
        assertThat(text).isEqualTo("Sending to " + EMAIL + " now");
    }

    @Test
    void deny_raisesThePermissionErrorNamingTheRule() {
        fx.upstream.script(r -> FakeUpstream.json(200, completion("never")));

        assertThatThrownBy(() -> client("/openai", "X-Clearance-Classification", "RESTRICTED")
                        .chat()
                        .completions()
                        .create(ask("Quarterly plan")))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("classification.restricted-local-only");
        assertThat(fx.upstream.received).isEmpty();
    }

    @Test
    void deny_streaming_raisesThePermissionErrorToo() {
        assertThatThrownBy(() -> {
                    try (StreamResponse<ChatCompletionChunk> s =
                            client("/openai-free").chat().completions().createStreaming(ask("Internal roadmap"))) {
                        s.stream().count();
                    }
                })
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("classification.internal-no-training");
        assertThat(fx.upstream.received).isEmpty();
    }
}
