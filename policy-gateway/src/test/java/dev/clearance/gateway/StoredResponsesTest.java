package dev.clearance.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseRetrieveParams;
import com.openai.models.responses.ResponseStreamEvent;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Responses API answers stored at the provider: {@code previous_response_id} chains keep their conversation (its
 * placeholders) without a conversation header, and {@code /v1/responses/{id}} (retrieve, background polling,
 * cancel, delete, input items) is served: checked and restored, never restoring another caller's values.
 */
class StoredResponsesTest {
    static final String EMAIL = "robin.hale@example.org";
    static final String PATH = "/v1/responses/resp_1";

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

    OpenAIClient client(String user) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(fx.base("/openai") + "/v1")
                .apiKey("caller-key")
                .maxRetries(0)
                .timeout(Duration.ofSeconds(20))
                .putHeader("X-Clearance-User", user)
                .build();
    }

    static String text(Response r) {
        return r.output().get(0).asMessage().content().get(0).asOutputText().text();
    }

    /** Turn 1 through {@code user}: the address goes upstream as a placeholder; returns that placeholder. */
    String firstTurn(OpenAIClient client) {
        fx.upstream.script(r -> FakeUpstream.json(200, ResponsesSdkTest.response("Noted.", null)));
        client.responses()
                .create(ResponseCreateParams.builder()
                        .model("gpt-test")
                        .instructions("You are terse.")
                        .input("Remember the address " + EMAIL + " for later.")
                        .build());
        String placeholder = Fixture.placeholder(fx.upstream.last().text());
        assertThat(placeholder).isNotNull();
        assertThat(fx.upstream.last().text()).doesNotContain(EMAIL);
        return placeholder;
    }

    @Test
    void previousResponseIdWithoutAHeader_continuesTheConversation_itsPlaceholdersAreRestored() {
        OpenAIClient alice = client("alice");
        String placeholder = firstTurn(alice);
        fx.upstream.script(r -> FakeUpstream.json(200, ResponsesSdkTest.response("It was " + placeholder + ".", null)));

        Response second = alice.responses()
                .create(ResponseCreateParams.builder()
                        .model("gpt-test")
                        .previousResponseId("resp_1")
                        .input("Which address was it?")
                        .build());

        assertThat(fx.upstream.last().text()).contains("\"previous_response_id\":\"resp_1\"");
        assertThat(text(second)).isEqualTo("It was " + EMAIL + ".");
    }

    @Test
    void anotherCallerNamingTheSameResponseId_getsNoneOfItsValues() {
        String placeholder = firstTurn(client("alice"));
        fx.upstream.script(r -> FakeUpstream.json(200, ResponsesSdkTest.response("It was " + placeholder + ".", null)));

        Response mallory = client("mallory")
                .responses()
                .create(ResponseCreateParams.builder()
                        .model("gpt-test")
                        .previousResponseId("resp_1")
                        .input("Which address was it?")
                        .build());
        Response retrieved = client("mallory").responses().retrieve("resp_1");

        assertThat(text(mallory)).isEqualTo("It was " + placeholder + ".");
        assertThat(text(retrieved)).isEqualTo("It was " + placeholder + ".");
    }

    @Test
    void aStreamedAnswersId_isRememberedToo() {
        OpenAIClient alice = client("alice");
        fx.upstream.script(r -> FakeUpstream.sse(ResponsesSdkTest.stream(List.of("Noted", "."), List.of("{}"))));
        try (StreamResponse<ResponseStreamEvent> s = alice.responses()
                .createStreaming(ResponseCreateParams.builder()
                        .model("gpt-test")
                        .input("Remember the address " + EMAIL + " for later.")
                        .build())) {
            assertThat(s.stream().count()).isPositive();
        }
        String placeholder = Fixture.placeholder(fx.upstream.last().text());
        fx.upstream.script(r -> FakeUpstream.json(200, ResponsesSdkTest.response("It was " + placeholder + ".", null)));

        Response second = alice.responses()
                .create(ResponseCreateParams.builder()
                        .model("gpt-test")
                        .previousResponseId("resp_1")
                        .input("Which address was it?")
                        .build());

        assertThat(text(second)).isEqualTo("It was " + EMAIL + ".");
    }

    @Test
    void backgroundMode_theCreateAnswersQueued_pollingRetrieveRestoresTheAnswer() {
        OpenAIClient alice = client("alice");
        fx.upstream.script(r -> FakeUpstream.json(
                200,
                "{\"id\":\"resp_1\",\"object\":\"response\",\"created_at\":1,\"status\":\"queued\","
                        + "\"background\":true,\"model\":\"gpt-test\",\"output\":[],\"parallel_tool_calls\":true,"
                        + "\"tools\":[]}"));
        Response queued = alice.responses()
                .create(ResponseCreateParams.builder()
                        .model("gpt-test")
                        .background(true)
                        .input("Write to " + EMAIL + " about the renewal.")
                        .build());
        assertThat(queued.status())
                .hasValueSatisfying(s -> assertThat(s.asString()).isEqualTo("queued"));
        String placeholder = Fixture.placeholder(fx.upstream.last().text());
        assertThat(fx.upstream.last().text()).doesNotContain(EMAIL);
        fx.upstream.script(r -> FakeUpstream.json(200, ResponsesSdkTest.response("Mail sent to " + placeholder, null)));

        Response done = alice.responses().retrieve("resp_1");

        assertThat(fx.upstream.last().method()).isEqualTo("GET");
        assertThat(fx.upstream.last().path()).isEqualTo(PATH);
        assertThat(fx.upstream.last().body()).isEmpty();
        assertThat(fx.upstream.last().headers().get("Authorization")).isEqualTo("Bearer " + Fixture.UPSTREAM_KEY);
        assertThat(text(done)).isEqualTo("Mail sent to " + EMAIL);
    }

    @Test
    void aStreamedRetrieve_isForwardedAsAStream_andRestoresThePlaceholderEvenSplitAcrossDeltas() {
        OpenAIClient alice = client("alice");
        String placeholder = firstTurn(alice);
        int cut = placeholder.length() / 2;
        fx.upstream.script(r -> FakeUpstream.sse(ResponsesSdkTest.stream(
                List.of("Mail to ", placeholder.substring(0, cut), placeholder.substring(cut), " sent."),
                List.of("{\"to\":\"", placeholder, "\"}"))));
        List<ResponseStreamEvent> events;

        try (StreamResponse<ResponseStreamEvent> s = alice.responses()
                .retrieveStreaming(
                        "resp_1",
                        ResponseRetrieveParams.builder().startingAfter(2).build())) {
            events = s.stream().toList();
        }

        assertThat(fx.upstream.last().method()).isEqualTo("GET");
        assertThat(fx.upstream.last().path()).isEqualTo(PATH);
        assertThat(fx.upstream.last().query()).contains("stream=true").contains("starting_after=2");
        assertThat(fx.upstream.last().body()).isEmpty();
        assertThat(fx.upstream.last().headers().get("Authorization")).isEqualTo("Bearer " + Fixture.UPSTREAM_KEY);
        String text = events.stream()
                .flatMap(e -> e.outputTextDelta().stream())
                .map(d -> d.delta())
                .collect(Collectors.joining());
        String args = events.stream()
                .flatMap(e -> e.functionCallArgumentsDelta().stream())
                .map(d -> d.delta())
                .collect(Collectors.joining());
        assertThat(text).isEqualTo("Mail to " + EMAIL + " sent.");
        assertThat(args).isEqualTo("{\"to\":\"" + EMAIL + "\"}");
        assertThat(events.stream().flatMap(e -> e.outputTextDone().stream()).map(d -> d.text()))
                .containsExactly(text);
        Response completed = events.stream()
                .flatMap(e -> e.completed().stream())
                .findFirst()
                .orElseThrow()
                .response();
        assertThat(text(completed)).isEqualTo(text);
    }

    @Test
    void aStreamedRetrieveByAnotherCaller_keepsThePlaceholders() {
        String placeholder = firstTurn(client("alice"));
        fx.upstream.script(
                r -> FakeUpstream.sse(ResponsesSdkTest.stream(List.of("Mail to ", placeholder), List.of("{}"))));
        String text;

        try (StreamResponse<ResponseStreamEvent> s =
                client("mallory").responses().retrieveStreaming("resp_1")) {
            text = s.stream()
                    .flatMap(e -> e.outputTextDelta().stream())
                    .map(d -> d.delta())
                    .collect(Collectors.joining());
        }

        assertThat(text).isEqualTo("Mail to " + placeholder).doesNotContain(EMAIL);
    }

    @Test
    void aStreamedRetrieveWhoseAnswerBringsUpAnotherValue_isCutWithAnErrorTheSdkRaises() {
        OpenAIClient alice = client("alice");
        firstTurn(alice);
        fx.upstream.script(r -> FakeUpstream.sse(
                ResponsesSdkTest.stream(List.of("Ask ", "riley.fox@example.com about it."), List.of("{}"))));

        assertThatThrownBy(() -> {
                    try (StreamResponse<ResponseStreamEvent> s =
                            alice.responses().retrieveStreaming("resp_1")) {
                        s.stream().count();
                    }
                })
                .isInstanceOf(com.openai.errors.SseException.class)
                .hasMessageContaining("Clearance blocked the model's answer");
    }

    @Test
    void cancelAndDelete_areForwardedWithoutABody() {
        OpenAIClient alice = client("alice");
        firstTurn(alice);
        fx.upstream.script(r -> FakeUpstream.json(200, ResponsesSdkTest.response("Stopped.", null)));

        Response cancelled = alice.responses().cancel("resp_1");

        assertThat(text(cancelled)).isEqualTo("Stopped.");
        assertThat(fx.upstream.last().method()).isEqualTo("POST");
        assertThat(fx.upstream.last().path()).isEqualTo(PATH + "/cancel");
        assertThat(fx.upstream.last().body()).isEmpty();

        fx.upstream.script(
                r -> FakeUpstream.json(200, "{\"id\":\"resp_1\",\"object\":\"response.deleted\",\"deleted\":true}"));
        alice.responses().delete("resp_1");
        assertThat(fx.upstream.last().method()).isEqualTo("DELETE");
        assertThat(fx.upstream.last().path()).isEqualTo(PATH);
    }

    @Test
    void inputItems_areRestored_andOnlyDocumentedQueryParametersPass() throws Exception {
        OpenAIClient alice = client("alice");
        String placeholder = firstTurn(alice);
        fx.upstream.script(r -> FakeUpstream.json(
                200,
                "{\"object\":\"list\",\"data\":[{\"type\":\"message\",\"id\":\"msg_0\",\"role\":\"user\","
                        + "\"status\":\"completed\",\"content\":[{\"type\":\"input_text\",\"text\":\"Remember "
                        + placeholder + "\"}]}],\"first_id\":\"msg_0\",\"last_id\":\"msg_0\",\"has_more\":false}"));
        int before = fx.upstream.received.size();

        HttpResponse<String> items =
                Raw.get(fx.base("/openai") + PATH + "/input_items?limit=10&order=asc", "X-Clearance-User", "alice");
        assertThat(items.statusCode()).isEqualTo(200);
        assertThat(items.body()).contains("Remember " + EMAIL).doesNotContain(placeholder);
        assertThat(fx.upstream.last().query()).isEqualTo("limit=10&order=asc");

        HttpResponse<String> smuggled =
                Raw.get(fx.base("/openai") + PATH + "?note=call+me+at+home", "X-Clearance-User", "alice");
        HttpResponse<String> badId = Raw.get(fx.base("/openai") + "/v1/responses/re$p", "X-Clearance-User", "alice");

        assertThat(smuggled.statusCode()).isEqualTo(400);
        assertThat(smuggled.body()).contains("clearance_bad_request");
        assertThat(badId.statusCode()).isEqualTo(404);
        assertThat(fx.upstream.received).hasSize(before + 1);
    }
}
