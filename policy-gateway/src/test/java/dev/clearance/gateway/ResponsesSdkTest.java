package dev.clearance.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.PermissionDeniedException;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAI Responses API ({@code /v1/responses}) through the official openai-java SDK, plain and streamed. */
class ResponsesSdkTest {
    static final String EMAIL = "casey.ng@example.net";

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

    OpenAIClient client(String prefix, String... headers) {
        OpenAIOkHttpClient.Builder b = OpenAIOkHttpClient.builder()
                .baseUrl(fx.base(prefix) + "/v1")
                .apiKey("caller-key")
                .maxRetries(0)
                .timeout(Duration.ofSeconds(20))
                .putHeader("X-Clearance-User", "alice");
        for (int i = 0; i < headers.length; i += 2) {
            b.putHeader(headers[i], headers[i + 1]);
        }
        return b.build();
    }

    static ResponseCreateParams ask(String text) {
        return ResponseCreateParams.builder()
                .model("gpt-test")
                .instructions("You are terse.")
                .input(text)
                .build();
    }

    /** A whole Responses API answer: one message and, when {@code arguments} is not null, one function call. */
    static String response(String text, String arguments) {
        String call = arguments == null
                ? ""
                : ",{\"type\":\"function_call\",\"id\":\"fc_1\",\"call_id\":\"call_1\",\"name\":\"send_mail\","
                        + "\"arguments\":" + TextNode.valueOf(arguments) + ",\"status\":\"completed\"}";
        return "{\"id\":\"resp_1\",\"object\":\"response\",\"created_at\":1,\"status\":\"completed\","
                + "\"model\":\"gpt-test\",\"output\":[{\"type\":\"message\",\"id\":\"msg_1\",\"status\":\"completed\","
                + "\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":" + TextNode.valueOf(text)
                + ",\"annotations\":[]}]}" + call + "],\"parallel_tool_calls\":true,\"tools\":[]}";
    }

    static String event(String type, String json) {
        return "event: " + type + "\ndata: {\"type\":\"" + type + "\"," + json + "}\n\n";
    }

    /** A streamed answer: the text in {@code deltas}, then a function call whose arguments come in {@code args}. */
    static List<String> stream(List<String> deltas, List<String> args) {
        List<String> e = new ArrayList<>();
        int seq = 0;
        e.add(event(
                "response.created",
                "\"sequence_number\":" + seq++ + ",\"response\":{\"id\":\"resp_1\","
                        + "\"object\":\"response\",\"created_at\":1,\"status\":\"in_progress\",\"model\":\"gpt-test\","
                        + "\"output\":[]}"));
        e.add(event(
                "response.output_item.added",
                "\"sequence_number\":" + seq++ + ",\"output_index\":0,"
                        + "\"item\":{\"type\":\"message\",\"id\":\"msg_1\",\"status\":\"in_progress\",\"role\":\"assistant\","
                        + "\"content\":[]}"));
        e.add(event(
                "response.content_part.added",
                "\"sequence_number\":" + seq++ + ",\"item_id\":\"msg_1\","
                        + "\"output_index\":0,\"content_index\":0,\"part\":{\"type\":\"output_text\",\"text\":\"\","
                        + "\"annotations\":[]}"));
        String text = String.join("", deltas);
        for (String d : deltas) {
            e.add(event(
                    "response.output_text.delta",
                    "\"sequence_number\":" + seq++ + ",\"item_id\":\"msg_1\","
                            + "\"output_index\":0,\"content_index\":0,\"delta\":" + TextNode.valueOf(d)
                            + ",\"logprobs\":[]"));
        }
        e.add(event(
                "response.output_text.done",
                "\"sequence_number\":" + seq++ + ",\"item_id\":\"msg_1\","
                        + "\"output_index\":0,\"content_index\":0,\"text\":" + TextNode.valueOf(text)
                        + ",\"logprobs\":[]"));
        e.add(event(
                "response.output_item.done",
                "\"sequence_number\":" + seq++ + ",\"output_index\":0,"
                        + "\"item\":{\"type\":\"message\",\"id\":\"msg_1\",\"status\":\"completed\",\"role\":\"assistant\","
                        + "\"content\":[{\"type\":\"output_text\",\"text\":" + TextNode.valueOf(text)
                        + ",\"annotations\":[]}]}"));
        String arguments = String.join("", args);
        e.add(event(
                "response.output_item.added",
                "\"sequence_number\":" + seq++ + ",\"output_index\":1,"
                        + "\"item\":{\"type\":\"function_call\",\"id\":\"fc_1\",\"call_id\":\"call_1\",\"name\":\"send_mail\","
                        + "\"arguments\":\"\",\"status\":\"in_progress\"}"));
        for (String a : args) {
            e.add(event(
                    "response.function_call_arguments.delta",
                    "\"sequence_number\":" + seq++ + "," + "\"item_id\":\"fc_1\",\"output_index\":1,\"delta\":"
                            + TextNode.valueOf(a)));
        }
        e.add(event(
                "response.function_call_arguments.done",
                "\"sequence_number\":" + seq++ + "," + "\"item_id\":\"fc_1\",\"output_index\":1,\"arguments\":"
                        + TextNode.valueOf(arguments)));
        e.add(event(
                "response.completed", "\"sequence_number\":" + seq++ + ",\"response\":" + response(text, arguments)));
        return e;
    }

    @Test
    void allow_isForwardedByteForByte() throws Exception {
        fx.upstream.script(r -> FakeUpstream.json(200, response("Paris.", null)));
        String body = "{\"model\":\"gpt-test\",\"instructions\":\"Be brief.\",\"input\":[{\"role\":\"user\","
                + "\"content\":[{\"type\":\"input_text\",\"text\":\"Capital of France?\"}]}],"
                + "\"tools\":[{\"type\":\"function\",\"name\":\"geo\",\"description\":\"Looks places up\"}],"
                + "  \"x_vendor\":[1,2]}";

        java.net.http.HttpResponse<String> resp = Raw.post(fx.base("/openai") + "/v1/responses", body);

        assertThat(resp.statusCode()).isEqualTo(200);
        assertThat(fx.upstream.last().path()).isEqualTo("/v1/responses");
        assertThat(fx.upstream.last().text()).isEqualTo(body);
        Response r = client("/openai").responses().create(ask("Capital of France?"));
        assertThat(r.output().get(0).asMessage().content().get(0).asOutputText().text())
                .isEqualTo("Paris.");
    }

    @Test
    void redact_everyTextPartIsChecked_andTheAnswerAndCallArgumentsAreRestored() {
        fx.upstream.script(r -> {
            String p = Fixture.placeholder(r.text());
            return FakeUpstream.json(200, response("Mailing " + p + ".", "{\"to\":\"" + p + "\"}"));
        });
        Response r = client("/openai")
                .responses()
                .create(ResponseCreateParams.builder()
                        .model("gpt-test")
                        .instructions("Sender is " + EMAIL)
                        .inputOfResponse(List.of(
                                com.openai.models.responses.ResponseInputItem.ofEasyInputMessage(
                                        com.openai.models.responses.EasyInputMessage.builder()
                                                .role(com.openai.models.responses.EasyInputMessage.Role.USER)
                                                .content("Mail " + EMAIL)
                                                .build()),
                                com.openai.models.responses.ResponseInputItem.ofFunctionCallOutput(
                                        com.openai.models.responses.ResponseInputItem.FunctionCallOutput.builder()
                                                .callId("call_0")
                                                .output("found " + EMAIL)
                                                .build())))
                        .addTool(com.openai.models.responses.FunctionTool.builder()
                                .name("send_mail")
                                .description("from " + EMAIL)
                                .parameters(com.openai.models.responses.FunctionTool.Parameters.builder()
                                        .putAdditionalProperty("type", com.openai.core.JsonValue.from("object"))
                                        .build())
                                .strict(false)
                                .build())
                        .build());

        String sent = fx.upstream.last().text();
        assertThat(sent).doesNotContain(EMAIL);
        assertThat(Fixture.PLACEHOLDER.matcher(sent).results().count()).isEqualTo(4);
        assertThat(r.output().get(0).asMessage().content().get(0).asOutputText().text())
                .isEqualTo("Mailing " + EMAIL + ".");
        assertThat(r.output().get(1).asFunctionCall().arguments()).isEqualTo("{\"to\":\"" + EMAIL + "\"}");
    }

    @Test
    void redact_theDocsExample() {
        fx.upstream.script(r ->
                FakeUpstream.json(200, response("I will write to " + Fixture.placeholder(r.text()) + " today.", null)));
        String gateway = fx.base("");

        // tag::gateway-responses[]
        OpenAIClient openai = OpenAIOkHttpClient.builder()
                .baseUrl(gateway + "/openai/v1") // e.g. http://127.0.0.1:8788/openai/v1
                .apiKey("unused-or-your-gateway-key")
                .putHeader("X-Clearance-User", "alice")
                .build();
        Response r = openai.responses()
                .create(ResponseCreateParams.builder()
                        .model("gpt-4.1")
                        .instructions("You are terse.")
                        .input("Draft a note to " + EMAIL + " about the invoice.")
                        .build());
        String text =
                r.output().get(0).asMessage().content().get(0).asOutputText().text();
        // end::gateway-responses[]

        assertThat(fx.upstream.last().text()).doesNotContain(EMAIL).contains("[EMAIL_ADDRESS_");
        assertThat(text).isEqualTo("I will write to " + EMAIL + " today.");
    }

    @Test
    void redact_streaming_restoresDeltasSplitAcrossEvents_andTheWholeTextsAgree() {
        fx.upstream.script(r -> {
            String p = Fixture.placeholder(r.text());
            int half = p.length() / 2;
            return FakeUpstream.sse(stream(
                    List.of("Writing to ", p.substring(0, half), p.substring(half) + " now"),
                    List.of("{\"to\":\"" + p.substring(0, 3), p.substring(3) + "\"}")));
        });

        List<ResponseStreamEvent> events;
        try (StreamResponse<ResponseStreamEvent> s =
                client("/openai").responses().createStreaming(ask("Remind " + EMAIL + " of the call."))) {
            events = s.stream().toList();
        }

        assertThat(fx.upstream.last().text()).doesNotContain(EMAIL);
        String text = events.stream()
                .flatMap(e -> e.outputTextDelta().stream())
                .map(d -> d.delta())
                .collect(Collectors.joining());
        String args = events.stream()
                .flatMap(e -> e.functionCallArgumentsDelta().stream())
                .map(d -> d.delta())
                .collect(Collectors.joining());
        assertThat(text).isEqualTo("Writing to " + EMAIL + " now");
        assertThat(args).isEqualTo("{\"to\":\"" + EMAIL + "\"}");
        assertThat(events.stream().flatMap(e -> e.outputTextDone().stream()).map(d -> d.text()))
                .containsExactly(text);
        assertThat(events.stream()
                        .flatMap(e -> e.functionCallArgumentsDone().stream())
                        .map(d -> d.arguments()))
                .containsExactly(args);
        Response done = events.stream()
                .flatMap(e -> e.completed().stream())
                .findFirst()
                .orElseThrow()
                .response();
        assertThat(done.output()
                        .get(0)
                        .asMessage()
                        .content()
                        .get(0)
                        .asOutputText()
                        .text())
                .isEqualTo(text);
        assertThat(done.output().get(1).asFunctionCall().arguments()).isEqualTo(args);
    }

    @Test
    void eventsAreRenumbered_whenTheGatewayAddsADelta() throws Exception {
        fx.upstream.script(r -> {
            String p = Fixture.placeholder(r.text());
            // the placeholder is the last word: held back until the text ends, then sent as one more delta
            return FakeUpstream.sse(stream(List.of("Writing to ", p), List.of("{}")));
        });
        String body = "{\"model\":\"gpt-test\",\"stream\":true,\"input\":\"Remind " + EMAIL + "\"}";

        java.net.http.HttpResponse<String> resp = Raw.post(fx.base("/openai") + "/v1/responses", body);

        List<Integer> seq = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (String line : resp.body().split("\n")) {
            if (line.startsWith("data: ")) {
                com.fasterxml.jackson.databind.JsonNode n = Dialect.JSON.readTree(line.substring(6));
                seq.add(n.path("sequence_number").asInt(-1));
                if ("response.output_text.delta".equals(n.path("type").asText())) {
                    text.append(n.path("delta").asText());
                }
            }
        }
        assertThat(text.toString()).isEqualTo("Writing to " + EMAIL);
        assertThat(seq).hasSizeGreaterThan(5);
        for (int i = 0; i < seq.size(); i++) {
            assertThat(seq.get(i)).isEqualTo(i);
        }
    }

    @Test
    void deny_raisesThePermissionErrorNamingTheRule_plainAndStreamed() {
        fx.upstream.script(r -> FakeUpstream.json(200, response("never", null)));

        assertThatThrownBy(() -> client("/openai", "X-Clearance-Classification", "RESTRICTED")
                        .responses()
                        .create(ask("Quarterly plan")))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("classification.restricted-local-only");
        assertThatThrownBy(() -> {
                    try (StreamResponse<ResponseStreamEvent> s =
                            client("/openai-free").responses().createStreaming(ask("Internal roadmap"))) {
                        s.stream().count();
                    }
                })
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("classification.internal-no-training");
        assertThat(fx.upstream.received).isEmpty();
    }

    @Test
    void aStreamedAnswerTheCheckBlocks_endsWithAnErrorTheSdkRaises() {
        fx.upstream.script(
                r -> FakeUpstream.sse(stream(List.of("Ask ", "riley.fox@example.com about it."), List.of("{}"))));

        assertThatThrownBy(() -> {
                    try (StreamResponse<ResponseStreamEvent> s =
                            client("/openai").responses().createStreaming(ask("Say something"))) {
                        s.stream().count();
                    }
                })
                .isInstanceOf(com.openai.errors.SseException.class)
                .hasMessageContaining("Clearance blocked the model's answer");
    }
}
