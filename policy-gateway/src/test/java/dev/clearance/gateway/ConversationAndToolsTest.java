package dev.clearance.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.errors.PermissionDeniedException;
import com.openai.models.ChatModel;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Multi-turn conversations, tool definitions and calls, attachments: through the openai-java SDK. */
class ConversationAndToolsTest {
    static final String EMAIL = "morgan.diaz@example.com";

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

    OpenAIClient client(String prefix) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(fx.base(prefix) + "/v1")
                .apiKey("caller-key")
                .maxRetries(0)
                .timeout(Duration.ofSeconds(20))
                .putHeader("X-Clearance-User", "alice")
                .build();
    }

    @Test
    void turnTwoReusesTurnOnesPlaceholders_andEarlierMessagesAreNotDecidedAgain() {
        fx.upstream.script(r ->
                FakeUpstream.json(200, OpenAiChatSdkTest.completion("Noted: " + Fixture.placeholder(r.text()) + ".")));
        ChatCompletionCreateParams turn1 = ChatCompletionCreateParams.builder()
                .model(ChatModel.of("gpt-test"))
                .addSystemMessage("You keep notes.")
                .addUserMessage("My contact is " + EMAIL + ", remember it.")
                .build();
        ChatCompletion first = client("/openai").chat().completions().create(turn1);
        String reply = first.choices().get(0).message().content().orElseThrow();
        String sent1 = fx.upstream.last().text();
        assertThat(reply).isEqualTo("Noted: " + EMAIL + ".");

        ChatCompletionCreateParams turn2 = turn1.toBuilder()
                .addAssistantMessage(reply)
                .addUserMessage("Write " + EMAIL + " a thank-you line.")
                .build();
        client("/openai").chat().completions().create(turn2);
        String sent2 = fx.upstream.last().text();

        String placeholder = Fixture.placeholder(sent1);
        assertThat(sent2).doesNotContain(EMAIL);
        assertThat(Fixture.PLACEHOLDER
                        .matcher(sent2)
                        .results()
                        .map(m -> m.group())
                        .distinct()
                        .toList())
                .containsExactly(placeholder);
        // turn 2: the system prompt and the first user message came from the cache
        assertThat(fx.gateway.metrics()).containsPattern("clearance_gateway_parts_cached_total [2-9]");
    }

    @Test
    void toolDefinitionsCallsAndResultsAreChecked_andCallArgumentsRestored() throws Exception {
        String seen = "{\"to\":\"%s\"}";
        fx.upstream.script(r -> {
            String p = Fixture.placeholder(r.text());
            return FakeUpstream.json(200, """
                    {"id":"c2","object":"chat.completion","created":1,"model":"gpt-test","choices":[{"index":0,
                     "message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_2","type":"function",
                     "function":{"name":"send_mail","arguments":%s}}]},"finish_reason":"tool_calls"}]}""".formatted(TextNode.valueOf(seen.formatted(p))));
        });
        ChatCompletionFunctionTool tool = ChatCompletionFunctionTool.builder()
                .function(FunctionDefinition.builder()
                        .name("send_mail")
                        .description("Sends mail; the default sender is " + EMAIL)
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty(
                                        "properties", JsonValue.from(Map.of("to", Map.of("type", "string"))))
                                .build())
                        .build())
                .build();
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model(ChatModel.of("gpt-test"))
                .addTool(tool)
                .addUserMessage("Mail the team.")
                .addMessage(com.openai.models.chat.completions.ChatCompletionAssistantMessageParam.builder()
                        .addToolCall(ChatCompletionMessageToolCall.ofFunction(
                                com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall.builder()
                                        .id("call_1")
                                        .function(com.openai.models.chat.completions
                                                .ChatCompletionMessageFunctionToolCall.Function.builder()
                                                .name("lookup")
                                                .arguments("{\"who\":\"" + EMAIL + "\"}")
                                                .build())
                                        .build()))
                        .build())
                .addMessage(com.openai.models.chat.completions.ChatCompletionToolMessageParam.builder()
                        .toolCallId("call_1")
                        .content("found " + EMAIL)
                        .build())
                .build();

        ChatCompletion c = client("/openai").chat().completions().create(params);

        String sent = fx.upstream.last().text();
        assertThat(sent).doesNotContain(EMAIL).contains("send_mail").contains("call_1");
        assertThat(Fixture.PLACEHOLDER.matcher(sent).results().count()).isEqualTo(3);
        String args = c.choices()
                .get(0)
                .message()
                .toolCalls()
                .orElseThrow()
                .get(0)
                .asFunction()
                .function()
                .arguments();
        assertThat(args).isEqualTo(seen.formatted(EMAIL));
    }

    @Test
    void anImageGoesToAnApiThatDoesNotTrain_butIsDeniedForAConsumerToolThatTrains() {
        fx.upstream.script(r -> FakeUpstream.json(200, OpenAiChatSdkTest.completion("a cat")));
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model(ChatModel.of("gpt-test"))
                .addUserMessageOfArrayOfContentParts(List.of(
                        ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder()
                                .text("What is in this picture?")
                                .build()),
                        ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                                .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder()
                                        .url("data:image/png;base64,iVBORw0KGgo=")
                                        .build())
                                .build())))
                .build();

        assertThat(client("/openai")
                        .chat()
                        .completions()
                        .create(params)
                        .choices()
                        .get(0)
                        .message()
                        .content())
                .contains("a cat");
        assertThat(fx.upstream.last().text()).contains("data:image/png;base64,iVBORw0KGgo=");

        int before = fx.upstream.received.size();
        assertThatThrownBy(() -> client("/openai-free").chat().completions().create(params))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("classification.internal-no-training");
        assertThat(fx.upstream.received).hasSize(before);
    }
}
