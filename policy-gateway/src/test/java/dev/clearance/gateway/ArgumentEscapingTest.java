package dev.clearance.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.clearance.ContentScanner;
import dev.clearance.Finding;
import dev.clearance.PolicyEngine;
import dev.clearance.rules.PolicySetup;
import dev.clearance.spi.Detector;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restored value inside a tool call's arguments (JSON text inside JSON) is JSON-escaped, whole and streamed, and
 * the escaping state spans deltas: a value holding a quote, a backslash and a newline leaves valid arguments.
 */
class ArgumentEscapingTest {
    /** What the test detector finds: text between guillemets, reported as an email address (which is redacted). */
    static final String VALUE = "«Dana \"D\" O\\Brien\nsecond line»";

    static final PolicyEngine ENGINE = PolicySetup.builtIn()
            .engineBuilder()
            .scanner(ContentScanner.builder()
                    .addDefaults()
                    .add(new Detector() {
                        @Override
                        public String id() {
                            return "test-guillemets";
                        }

                        @Override
                        public void detect(String text, Consumer<Finding> sink) {
                            int from = 0;
                            int start;
                            while ((start = text.indexOf('«', from)) >= 0) {
                                int end = text.indexOf('»', start);
                                if (end < 0) {
                                    return;
                                }
                                sink.accept(
                                        Finding.pii("EMAIL_ADDRESS", "test.guillemets", start, end + 1, 0.99, false));
                                from = end + 1;
                            }
                        }
                    })
                    .build())
            .build();

    @TempDir
    Path dir;

    Fixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new Fixture(dir, "", ENGINE);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    static String args(String placeholder) {
        return "{\"to\":\"" + placeholder + "\",\"n\":1}";
    }

    static void assertArguments(String arguments) throws Exception {
        JsonNode parsed = Dialect.JSON.readTree(arguments);
        assertThat(parsed.path("to").asText()).isEqualTo(VALUE);
        assertThat(parsed.path("n").asInt()).isEqualTo(1);
    }

    static String placeholderOf(FakeUpstream.Received r) {
        String p = Fixture.placeholder(r.text());
        assertThat(p).as("the upstream got a placeholder").isNotNull();
        assertThat(r.text()).doesNotContain("Brien");
        return p;
    }

    /** The data of every event of an SSE body, parsed. */
    static List<JsonNode> events(String body) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("data: ") && !line.startsWith("data: [DONE]")) {
                out.add(Dialect.JSON.readTree(line.substring(6)));
            }
        }
        return out;
    }

    String chatRequest(boolean stream) {
        return "{\"model\":\"gpt-test\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":"
                + TextNode.valueOf("Mail " + VALUE) + "}]}";
    }

    @Test
    void chatCompletions_whole() throws Exception {
        fx.upstream.script(r -> FakeUpstream.json(200, """
                {"id":"c1","object":"chat.completion","created":1,"model":"gpt-test","choices":[{"index":0,
                 "message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                 "function":{"name":"send","arguments":%s}}]},"finish_reason":"tool_calls"}]}""".formatted(TextNode.valueOf(args(placeholderOf(r))))));

        HttpResponse<String> resp = Raw.post(fx.base("/openai") + "/v1/chat/completions", chatRequest(false));

        assertThat(resp.statusCode()).isEqualTo(200);
        JsonNode answer = Dialect.JSON.readTree(resp.body());
        assertArguments(answer.path("choices")
                .get(0)
                .path("message")
                .path("tool_calls")
                .get(0)
                .path("function")
                .path("arguments")
                .asText());
    }

    static String toolChunk(String arguments, String finish) {
        return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-test\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":"
                + TextNode.valueOf(arguments) + "}}]},\"finish_reason\":"
                + (finish == null ? "null" : "\"" + finish + "\"") + "}]}\n\n";
    }

    @Test
    void chatCompletions_streamed_escapingStateSpansDeltas() throws Exception {
        fx.upstream.script(r -> {
            String a = args(placeholderOf(r));
            // cut inside the string before the placeholder, and inside the placeholder
            int p = a.indexOf('[');
            return FakeUpstream.sse(List.of(
                    toolChunk(a.substring(0, 5), null),
                    toolChunk(a.substring(5, p + 4), null),
                    toolChunk(a.substring(p + 4), null),
                    toolChunk("", "tool_calls"),
                    "data: [DONE]\n\n"));
        });

        HttpResponse<String> resp = Raw.post(fx.base("/openai") + "/v1/chat/completions", chatRequest(true));

        StringBuilder arguments = new StringBuilder();
        for (JsonNode e : events(resp.body())) {
            for (JsonNode c : e.path("choices")) {
                for (JsonNode call : c.path("delta").path("tool_calls")) {
                    arguments.append(call.path("function").path("arguments").asText());
                }
            }
        }
        assertArguments(arguments.toString());
    }

    String responsesRequest(boolean stream) {
        return "{\"model\":\"gpt-test\",\"stream\":" + stream + ",\"input\":" + TextNode.valueOf("Mail " + VALUE) + "}";
    }

    @Test
    void responses_wholeAndStreamed() throws Exception {
        fx.upstream.script(r -> FakeUpstream.json(200, ResponsesSdkTest.response("ok", args(placeholderOf(r)))));
        HttpResponse<String> whole = Raw.post(fx.base("/openai") + "/v1/responses", responsesRequest(false));
        assertArguments(Dialect.JSON
                .readTree(whole.body())
                .path("output")
                .get(1)
                .path("arguments")
                .asText());

        fx.upstream.script(r -> {
            String a = args(placeholderOf(r));
            int p = a.indexOf('[');
            return FakeUpstream.sse(ResponsesSdkTest.stream(
                    List.of("ok"), List.of(a.substring(0, 3), a.substring(3, p + 2), a.substring(p + 2))));
        });
        HttpResponse<String> streamed = Raw.post(fx.base("/openai") + "/v1/responses", responsesRequest(true));

        StringBuilder deltas = new StringBuilder();
        String done = null;
        String completed = null;
        for (JsonNode e : events(streamed.body())) {
            switch (e.path("type").asText()) {
                case "response.function_call_arguments.delta" ->
                    deltas.append(e.path("delta").asText());
                case "response.function_call_arguments.done" ->
                    done = e.path("arguments").asText();
                case "response.completed" ->
                    completed = e.path("response")
                            .path("output")
                            .get(1)
                            .path("arguments")
                            .asText();
                default -> {}
            }
        }
        assertArguments(deltas.toString());
        assertArguments(done);
        assertArguments(completed);
    }

    @Test
    void anthropic_inputJsonDelta() throws Exception {
        fx.upstream.script(r -> {
            String a = args(placeholderOf(r));
            int p = a.indexOf('[');
            List<String> events = new ArrayList<>();
            events.add(AnthropicSdkTest.event(
                    "message_start",
                    "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":"
                            + "\"assistant\",\"model\":\"claude-test\",\"content\":[],\"stop_reason\":null,"
                            + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}"));
            events.add(AnthropicSdkTest.event(
                    "content_block_start",
                    "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\","
                            + "\"id\":\"toolu_1\",\"name\":\"send\",\"input\":{}}}"));
            for (String part : List.of(a.substring(0, 4), a.substring(4, p + 3), a.substring(p + 3))) {
                events.add(AnthropicSdkTest.event(
                        "content_block_delta",
                        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\","
                                + "\"partial_json\":" + TextNode.valueOf(part) + "}}"));
            }
            events.add(AnthropicSdkTest.event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
            events.add(AnthropicSdkTest.event("message_stop", "{\"type\":\"message_stop\"}"));
            return FakeUpstream.sse(events);
        });
        String body = "{\"model\":\"claude-test\",\"max_tokens\":100,\"stream\":true,\"messages\":[{\"role\":\"user\","
                + "\"content\":" + TextNode.valueOf("Mail " + VALUE) + "}]}";

        HttpResponse<String> resp =
                Raw.post(fx.base("/anthropic") + "/v1/messages", body, "anthropic-version", "2023-06-01");

        StringBuilder json = new StringBuilder();
        for (JsonNode e : events(resp.body())) {
            if ("input_json_delta".equals(e.path("delta").path("type").asText())) {
                json.append(e.path("delta").path("partial_json").asText());
            }
        }
        assertArguments(json.toString());
    }

    @Test
    void jsonRestorer_outsideAString_writesAJsonString_andLeavesUnknownTokens() {
        dev.clearance.Conversation c = dev.clearance.Conversation.create();
        dev.clearance.Decision d = ENGINE.evaluate(
                dev.clearance.PolicyRequest.builder()
                        .user("alice")
                        .destination(dev.clearance.PolicyRequest.Destination.product("openai:api"))
                        .content("Mail " + VALUE)
                        .build(),
                c);
        String p = Fixture.placeholder(d.redactedContent().orElseThrow());
        assertThat(c.restore(p)).isEqualTo(VALUE);

        JsonRestorer r = new JsonRestorer(c);
        String out =
                r.push("{\"a\":" + p.substring(0, 4)) + r.push(p.substring(4) + ",\"b\":\"[NOT_ONE]\"}") + r.finish();

        assertThat(out).isEqualTo("{\"a\":" + TextNode.valueOf(VALUE) + ",\"b\":\"[NOT_ONE]\"}");
    }
}
