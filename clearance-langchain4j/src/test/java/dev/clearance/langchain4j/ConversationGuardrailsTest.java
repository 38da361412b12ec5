package dev.clearance.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clearance.Classification;
import dev.clearance.ResponseBlockedException;
import dev.clearance.catalog.ClearanceRouting;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.guardrail.InputGuardrailException;
import dev.langchain4j.guardrail.OutputGuardrailException;
import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.rag.DefaultRetrievalAugmentor;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.TokenStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The bugs of issue 14, reproduced with the real AiServices and scripted models. */
class ConversationGuardrailsTest {
    private static final String ROSA = "rosa.valdez@northwindtraders.com";
    private static final String BOB = "bob.okafor@northwindtraders.com";
    /** AKIA + 16 base-32 characters: the documented shape of an AWS access key id. */
    private static final String KEY = "AKIA" + "Z7QW3RT5YH2KLXMN";

    interface Assistant {
        String chat(String message);
    }

    interface MemoryAssistant {
        String chat(@MemoryId String conversation, @dev.langchain4j.service.UserMessage String message);
    }

    interface ParameterAssistant {
        String chat(@dev.langchain4j.service.UserMessage String message, InvocationParameters parameters);
    }

    interface StreamingAssistant {
        TokenStream chat(String message);
    }

    /** Every text of a request: message texts and tool results. */
    static List<String> texts(ChatRequest request) {
        List<String> out = new ArrayList<>();
        for (ChatMessage m : request.messages()) {
            if (m instanceof SystemMessage s) {
                out.add(s.text());
            } else if (m instanceof UserMessage u) {
                out.add(u.singleText());
            } else if (m instanceof AiMessage a) {
                out.add(a.text());
            } else if (m instanceof ToolExecutionResultMessage t) {
                out.add(t.text());
            }
        }
        return out;
    }

    /** Answers each request with {@code script}; records every text of every request. */
    static final class ScriptedModel implements ChatModel {
        final List<List<String>> seen = new ArrayList<>();
        final Function<ChatRequest, AiMessage> script;

        ScriptedModel(Function<ChatRequest, AiMessage> script) {
            this.script = script;
        }

        static ScriptedModel answering(Function<String, String> answer) {
            return new ScriptedModel(r -> {
                List<String> t = texts(r);
                return AiMessage.from(answer.apply(t.get(t.size() - 1)));
            });
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            seen.add(texts(request));
            return ChatResponse.builder().aiMessage(script.apply(request)).build();
        }

        List<String> last() {
            return seen.get(seen.size() - 1);
        }
    }

    /** Streams {@code chunks} from a thread of its own, as a provider's client does. */
    static final class ScriptedStreamingModel implements StreamingChatModel {
        final List<List<String>> seen = new CopyOnWriteArrayList<>();
        final List<String> chunks;

        ScriptedStreamingModel(List<String> chunks) {
            this.chunks = chunks;
        }

        @Override
        public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
            seen.add(texts(request));
            Thread t = new Thread(() -> {
                chunks.forEach(handler::onPartialResponse);
                handler.onCompleteResponse(ChatResponse.builder()
                        .aiMessage(AiMessage.from(String.join("", chunks)))
                        .build());
            });
            t.start();
        }
    }

    private static ClearanceGuardrails clearance(String product) {
        return ClearanceGuardrails.builder(
                        ClearanceGuardrailsTest.ENGINE,
                        ClearanceRouting.builder(product)
                                .classification(Classification.INTERNAL)
                                .build())
                .build();
    }

    @Test
    void twoPeopleAcrossTurns_withChatMemory_eachAnswerRestoresTheRightPerson() {
        ClearanceGuardrails clearance = clearance("openai:api");
        ScriptedModel model = ScriptedModel.answering(text -> "Noted: " + text.substring(text.lastIndexOf(' ') + 1));
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(clearance.chatModel(model))
                .chatMemory(clearance.chatMemory(MessageWindowChatMemory.withMaxMessages(20)))
                .inputGuardrails(clearance.input())
                .outputGuardrails(clearance.output())
                .build();

        String first = assistant.chat("Rosa writes from " + ROSA);
        String second = assistant.chat("Bob writes from " + BOB);

        assertThat(model.seen.get(0)).containsExactly("Rosa writes from [EMAIL_ADDRESS_1]");
        // turn 2 resends the history: Rosa keeps her placeholder, Bob gets his own
        assertThat(model.seen.get(1))
                .containsExactly(
                        "Rosa writes from [EMAIL_ADDRESS_1]",
                        "Noted: [EMAIL_ADDRESS_1]",
                        "Bob writes from [EMAIL_ADDRESS_2]");
        assertThat(first).isEqualTo("Noted: " + ROSA);
        assertThat(second).isEqualTo("Noted: " + BOB);
    }

    @Test
    void twoConversations_neverShareAMapping() {
        ClearanceGuardrails clearance = clearance("openai:api");
        ScriptedModel model = ScriptedModel.answering(text -> "Noted: " + text.substring(text.lastIndexOf(' ') + 1));
        MemoryAssistant assistant = AiServices.builder(MemoryAssistant.class)
                .chatModel(clearance.chatModel(model))
                .chatMemoryProvider(id -> clearance.chatMemory(
                        MessageWindowChatMemory.builder().id(id).maxMessages(20).build()))
                .inputGuardrails(clearance.input())
                .outputGuardrails(clearance.output())
                .build();

        String rosa = assistant.chat("rosa", "Rosa writes from " + ROSA);
        String bob = assistant.chat("bob", "Bob writes from " + BOB);

        // each conversation numbers its own values; each restores its own
        assertThat(model.seen.get(1)).containsExactly("Bob writes from [EMAIL_ADDRESS_1]");
        assertThat(rosa).isEqualTo("Noted: " + ROSA);
        assertThat(bob).isEqualTo("Noted: " + BOB);
        assertThat(clearance.conversation("bob").restore("[EMAIL_ADDRESS_1]")).isEqualTo(BOB);
    }

    @Test
    void streaming_partialAndCompleteResponses_showRestoredText_evenOnTheModelsThread() throws Exception {
        ClearanceGuardrails clearance = clearance("openai:api");
        ScriptedStreamingModel model =
                new ScriptedStreamingModel(List.of("Dear ", "[EMAIL_", "ADDRESS_1]", ", thanks"));
        // tag::langchain4j-streaming[]
        StreamingAssistant assistant = AiServices.builder(StreamingAssistant.class)
                .streamingChatModel(clearance.streamingChatModel(model)) // checks the request and each chunk
                .chatMemory(clearance.chatMemory(MessageWindowChatMemory.builder()
                        .id("support-7")
                        .maxMessages(20)
                        .build()))
                .inputGuardrails(clearance.input())
                .outputGuardrails(clearance.output()) // the complete response, checked and restored
                .build();
        List<String> partials = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        ClearanceGuardrails.RestoringPartials restoring = clearance.restoring("support-7", partials::add);

        assistant
                .chat("Write to " + ROSA)
                .onPartialResponse(restoring) // partial responses with the conversation's values put back
                .onCompleteResponse(restoring.onComplete(done::complete))
                .onError(done::completeExceptionally)
                .start();
        // end::langchain4j-streaming[]
        ChatResponse complete = done.get(30, TimeUnit.SECONDS);

        assertThat(model.seen).containsExactly(List.of("Write to [EMAIL_ADDRESS_1]"));
        assertThat(String.join("", partials)).isEqualTo("Dear " + ROSA + ", thanks");
        assertThat(partials).noneMatch(p -> p.contains("[EMAIL_"));
        assertThat(complete.aiMessage().text()).isEqualTo("Dear " + ROSA + ", thanks");
    }

    @Test
    void streaming_secretInTheAnswer_cutsTheStreamBeforeTheSecret() throws Exception {
        ClearanceGuardrails clearance = clearance("openai:api");
        ScriptedStreamingModel model =
                new ScriptedStreamingModel(List.of("The key is ", "AKIA", "Z7QW3RT5YH2KLXMN", " so use it"));
        StreamingAssistant assistant = AiServices.builder(StreamingAssistant.class)
                .streamingChatModel(clearance.streamingChatModel(model))
                .inputGuardrails(clearance.input())
                .outputGuardrails(clearance.output())
                .build();
        List<String> partials = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        assistant
                .chat("which key do we deploy with?")
                .onPartialResponse(partials::add)
                .onCompleteResponse(done::complete)
                .onError(done::completeExceptionally)
                .start();

        assertThatThrownBy(() -> done.get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ResponseBlockedException.class)
                .hasMessageNotContaining(KEY);
        // LangChain4j holds a service's partial responses back until the answer completes when it has output
        // guardrails; a cut stream never completes, so nothing of it is shown
        assertThat(String.join("", partials)).doesNotContain(KEY).isEmpty();
    }

    @Test
    void streaming_deniedPrompt_neverReachesTheModel() throws Exception {
        ClearanceGuardrails clearance = clearance("openai:chatgpt-free");
        ScriptedStreamingModel model = new ScriptedStreamingModel(List.of("never"));
        StreamingAssistant assistant = AiServices.builder(StreamingAssistant.class)
                .streamingChatModel(clearance.streamingChatModel(model))
                .inputGuardrails(clearance.input())
                .outputGuardrails(clearance.output())
                .build();

        assertThatThrownBy(() -> assistant
                        .chat("Summarize our sprint notes.")
                        .onPartialResponse(p -> {})
                        .onError(e -> {})
                        .start())
                .isInstanceOf(InputGuardrailException.class);
        assertThat(model.seen).isEmpty();
    }

    @Test
    void ragContentWithASecret_isRedactedBeforeTheModel() {
        ClearanceGuardrails clearance = clearance("openai:api");
        ScriptedModel model = ScriptedModel.answering(text -> "done");
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(clearance.chatModel(model))
                .retrievalAugmentor(DefaultRetrievalAugmentor.builder()
                        .contentRetriever(
                                query -> List.of(Content.from("Deploy with the key " + KEY + " from the vault.")))
                        .build())
                .inputGuardrails(clearance.input())
                .outputGuardrails(clearance.output())
                .build();

        assistant.chat("How do we deploy?");

        assertThat(String.join("\n", model.last()))
                .contains("Deploy with the key [SECRET_1] from the vault.")
                .doesNotContain(KEY);
    }

    /** A local tool whose result holds a secret. */
    static final class DeployTools {
        @Tool("reads the deploy configuration")
        String deployConfig() {
            return "aws_access_key_id = " + KEY;
        }
    }

    /** First asks for the tool, then answers with what the tool result said. */
    static ScriptedModel toolUsingModel() {
        return new ScriptedModel(r -> {
            ChatMessage last = r.messages().get(r.messages().size() - 1);
            if (last instanceof ToolExecutionResultMessage t) {
                return AiMessage.from("The config says " + t.text());
            }
            return AiMessage.from(ToolExecutionRequest.builder()
                    .id("call-1")
                    .name("deployConfig")
                    .arguments("{}")
                    .build());
        });
    }

    @Test
    void toolResultWithASecret_isRedactedBeforeGoingBackToTheModel() {
        ClearanceGuardrails clearance = clearance("openai:api");
        ScriptedModel model = toolUsingModel();
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(clearance.chatModel(model))
                .chatMemory(clearance.chatMemory(MessageWindowChatMemory.withMaxMessages(20)))
                .tools(new DeployTools())
                .inputGuardrails(clearance.input())
                .outputGuardrails(clearance.output())
                .build();

        String answer = assistant.chat("What is in the deploy config?");

        assertThat(model.seen).hasSize(2);
        assertThat(model.seen.get(1)).contains("aws_access_key_id = [SECRET_1]");
        assertThat(String.join("\n", model.seen.get(1))).doesNotContain(KEY);
        // the provider never saw the key; the placeholder is restored for the user, whose own tool read it
        assertThat(answer).isEqualTo("The config says aws_access_key_id = " + KEY);
    }

    @Test
    void toolResultWithASecret_withoutTheClearanceMemory_isRefusedBeforeTheModel() {
        ClearanceGuardrails clearance = clearance("openai:api");
        ScriptedModel model = toolUsingModel();
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(clearance.chatModel(model))
                .tools(new DeployTools())
                .inputGuardrails(clearance.input())
                .outputGuardrails(clearance.output())
                .build();

        assertThatThrownBy(() -> assistant.chat("What is in the deploy config?"))
                .hasStackTraceContaining("ClearanceDeniedException")
                .hasMessageNotContaining(KEY);
        assertThat(model.seen).as("only the first round reached the model").hasSize(1);
    }

    @Test
    void systemMessage_isRedactedThroughTheMemory() {
        ClearanceGuardrails clearance = clearance("openai:api");
        ScriptedModel model = ScriptedModel.answering(text -> "ok");
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(clearance.chatModel(model))
                .chatMemory(clearance.chatMemory(MessageWindowChatMemory.withMaxMessages(20)))
                .systemMessageProvider(id -> "Escalate to " + BOB)
                .inputGuardrails(clearance.input())
                .outputGuardrails(clearance.output())
                .build();

        assistant.chat("hi");

        assertThat(model.last()).containsExactly("Escalate to [EMAIL_ADDRESS_1]", "hi");
    }

    @Test
    void modelOutputEchoingASecret_reachesTheUserRedacted() {
        ClearanceGuardrails clearance = clearance("openai:api");
        ScriptedModel model = ScriptedModel.answering(text -> "Use the key " + KEY + " for that.");
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(clearance.chatModel(model))
                .inputGuardrails(clearance.input())
                .outputGuardrails(clearance.output())
                .build();

        String answer = assistant.chat("which key do we deploy with?");

        assertThat(answer).isEqualTo("Use the key [SECRET_1] for that.");
    }

    @Test
    void perCallInvocationParameters_overrideTheRouting() {
        ClearanceGuardrails clearance = clearance("anthropic:claude-enterprise");
        ScriptedModel model = ScriptedModel.answering(text -> "ok");
        ParameterAssistant assistant = AiServices.builder(ParameterAssistant.class)
                .chatModel(clearance.chatModel(model))
                .inputGuardrails(clearance.input())
                .outputGuardrails(clearance.output())
                .build();

        assertThatThrownBy(() -> assistant.chat(
                        "Summarize our sprint notes.",
                        InvocationParameters.from(ClearanceGuardrails.PRODUCT, "openai:chatgpt-free")))
                .isInstanceOf(InputGuardrailException.class)
                .hasMessageContaining("classification.internal-no-training");
        InvocationParameters publicData = new InvocationParameters();
        publicData.put(ClearanceGuardrails.PRODUCT, "openai:chatgpt-free");
        publicData.put(ClearanceGuardrails.CLASSIFICATION, "public");
        assertThat(assistant.chat("Summarize our sprint notes.", publicData)).isEqualTo("ok");
        assertThat(model.seen).hasSize(1);
    }

    @Test
    void unknownClassificationParameter_failsClosed() {
        ClearanceGuardrails clearance = clearance("openai:api");
        ScriptedModel model = ScriptedModel.answering(text -> "ok");
        ParameterAssistant assistant = AiServices.builder(ParameterAssistant.class)
                .chatModel(clearance.chatModel(model))
                .inputGuardrails(clearance.input())
                .outputGuardrails(clearance.output())
                .build();

        assertThatThrownBy(() -> assistant.chat(
                        "hello", InvocationParameters.from(ClearanceGuardrails.CLASSIFICATION, "no-such-level")))
                .isInstanceOfAny(InputGuardrailException.class, OutputGuardrailException.class);
        assertThat(model.seen).isEmpty();
    }
}
