package dev.clearance.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clearance.Classification;
import dev.clearance.PolicyEngine;
import dev.clearance.ResponseBlockedException;
import dev.clearance.catalog.ClearanceRouting;
import dev.clearance.rules.DefaultRulePack;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.client.advisor.ToolCallAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.document.Document;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.rag.advisor.RetrievalAugmentationAdvisor;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import reactor.core.publisher.Flux;

/** The advisor in a real ChatClient, against scripted models; each bug of issue 14 has a test here. */
class ClearanceAdvisorTest {
    static final PolicyEngine ENGINE =
            PolicyEngine.builder().rulePack(DefaultRulePack.v1()).build();
    private static final String ROSA = "rosa.valdez@northwindtraders.com";
    private static final String BOB = "bob.okafor@northwindtraders.com";
    /** AKIA + 16 base-32 characters: the documented shape of an AWS access key id. */
    private static final String KEY = "AKIA" + "Z7QW3RT5YH2KLXMN";

    /** A scripted model: answers each prompt with {@code script}, records every text of every prompt sent. */
    static class ScriptedModel implements ChatModel {
        final List<List<String>> seen = new ArrayList<>();
        final Function<Prompt, ChatResponse> script;
        final ChatOptions defaults;

        ScriptedModel(Function<Prompt, ChatResponse> script, ChatOptions defaults) {
            this.script = script;
            this.defaults = defaults;
        }

        static ScriptedModel answering(Function<String, String> answer) {
            return new ScriptedModel(
                    p -> reply(answer.apply(lastText(p))),
                    ChatOptions.builder().model("gpt-4o").build());
        }

        /** Streams {@code chunks}; records the prompt when asked for the stream, before any subscription. */
        static ScriptedModel streaming(List<String> chunks) {
            return new ScriptedModel(
                    p -> reply(String.join("", chunks)),
                    ChatOptions.builder().model("gpt-4o").build()) {
                @Override
                public Flux<ChatResponse> stream(Prompt prompt) {
                    seen.add(texts(prompt));
                    return Flux.fromIterable(chunks).map(ClearanceAdvisorTest::reply);
                }
            };
        }

        @Override
        public ChatResponse call(Prompt prompt) {
            seen.add(texts(prompt));
            return script.apply(prompt);
        }

        @Override
        public ChatOptions getDefaultOptions() {
            return defaults;
        }

        List<String> lastPrompt() {
            return seen.get(seen.size() - 1);
        }
    }

    static ChatResponse reply(String text) {
        return new ChatResponse(List.of(new Generation(new AssistantMessage(text))));
    }

    static String lastText(Prompt prompt) {
        List<String> texts = texts(prompt);
        return texts.get(texts.size() - 1);
    }

    /** Every text of a prompt: message texts and tool results. */
    static List<String> texts(Prompt prompt) {
        List<String> out = new ArrayList<>();
        for (Message m : prompt.getInstructions()) {
            if (m instanceof ToolResponseMessage t) {
                t.getResponses().forEach(r -> out.add(r.responseData()));
            } else {
                out.add(m.getText());
            }
        }
        return out;
    }

    static ChatClient client(ChatModel model, String product) {
        // tag::spring-ai[]
        ClearanceAdvisor clearance = ClearanceAdvisor.builder(
                        ENGINE, // any PolicyDecider: a ReloadingPolicyEngine keeps hot reload working
                        ClearanceRouting.builder(product) // model name → catalog product, resolved per call
                                .model("gpt-", "openai:api")
                                .classification(Classification.INTERNAL)
                                .build())
                .build();

        ChatClient chat = ChatClient.builder(model)
                .defaultAdvisors(clearance) // ordered after chat memory, RAG and ToolCallAdvisor
                .build();
        // end::spring-ai[]
        return chat;
    }

    @Test
    void call_personalData_modelSeesPlaceholder_userSeesOriginal() {
        ScriptedModel model = ScriptedModel.answering(text -> "Draft: Dear customer at " + text);

        String answer = client(model, "openai:api").prompt().user(ROSA).call().content();

        assertThat(model.seen).containsExactly(List.of("[EMAIL_ADDRESS_1]"));
        assertThat(answer).isEqualTo("Draft: Dear customer at " + ROSA);
    }

    @Test
    void call_internalDataToTrainingConsumerTool_isBlockedBeforeTheModel() {
        ScriptedModel model = ScriptedModel.answering(text -> "ok");
        ChatClient chat = client(model, "openai:chatgpt-free");

        assertThatThrownBy(() -> chat.prompt()
                        .user("Summarize our sprint notes.")
                        .advisors(a -> a.param(ClearanceAdvisor.PRODUCT, "openai:chatgpt-free"))
                        .call()
                        .content())
                .isInstanceOf(ClearanceDeniedException.class)
                .hasMessageContaining("classification.internal-no-training")
                .hasMessageNotContaining("sprint notes");
        assertThat(model.seen).isEmpty();
    }

    @Test
    void perCallParameters_overrideTheRouting() {
        ScriptedModel model = ScriptedModel.answering(text -> "ok");
        ChatClient chat = client(model, "anthropic:claude-enterprise");

        // public data may go to a consumer tool; internal data may not
        assertThat(chat.prompt()
                        .user("Summarize our sprint notes.")
                        .advisors(a -> a.param(ClearanceAdvisor.PRODUCT, "openai:chatgpt-free")
                                .param(ClearanceAdvisor.CLASSIFICATION, "public"))
                        .call()
                        .content())
                .isEqualTo("ok");
        assertThatThrownBy(() -> chat.prompt()
                        .user("Summarize our sprint notes.")
                        .advisors(a -> a.param(ClearanceAdvisor.PRODUCT, "openai:chatgpt-free"))
                        .call()
                        .content())
                .isInstanceOf(ClearanceDeniedException.class);
        assertThatThrownBy(() -> chat.prompt()
                        .user("hello")
                        .advisors(a -> a.param(ClearanceAdvisor.CLASSIFICATION, "no-such-level"))
                        .call()
                        .content())
                .isInstanceOf(ClearanceDeniedException.class)
                .hasMessageContaining("unknown classification");
        assertThat(model.seen).hasSize(1);
    }

    @Test
    void routing_modelNameChoosesTheProduct() {
        ClearanceRouting routing = ClearanceRouting.builder("local:ollama")
                .model("gpt-", "openai:api")
                .model("gpt-4o-mini", "openai:chatgpt-free")
                .build();

        assertThat(routing.product("gpt-4o")).isEqualTo("openai:api");
        assertThat(routing.product("gpt-4o-mini")).isEqualTo("openai:chatgpt-free");
        assertThat(routing.product("llama3")).isEqualTo("local:ollama");
        assertThat(routing.product(null)).isEqualTo("local:ollama");
        assertThat(routing.classification()).isEqualTo(Classification.DEFAULT);
        assertThatThrownBy(() -> ClearanceRouting.to(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void streamingCallIsCheckedNotBypassed() {
        ScriptedModel model = ScriptedModel.streaming(List.of("never ", "sent"));
        ChatClient chat = client(model, "openai:chatgpt-free");

        assertThatThrownBy(() -> chat
                        .prompt()
                        .user("Summarize our sprint notes for " + ROSA)
                        .advisors(a -> a.param(ClearanceAdvisor.PRODUCT, "openai:chatgpt-free"))
                        .stream()
                        .content()
                        .collectList()
                        .block())
                .isInstanceOf(ClearanceDeniedException.class)
                .hasMessageNotContaining(ROSA);
        assertThat(model.seen).as("no request reached the model").isEmpty();
    }

    @Test
    void streaming_redactsThePrompt_andRestoresTheAnswerChunkByChunk() {
        ScriptedModel model = ScriptedModel.streaming(List.of("Dear ", "[EMAIL_", "ADDRESS_1]", ", thanks"));

        List<String> chunks = client(model, "openai:api").prompt().user("Write to " + ROSA).stream()
                .content()
                .collectList()
                .block();

        assertThat(model.seen).containsExactly(List.of("Write to [EMAIL_ADDRESS_1]"));
        assertThat(String.join("", chunks)).isEqualTo("Dear " + ROSA + ", thanks");
        assertThat(chunks).noneMatch(c -> c.contains("[EMAIL_"));
    }

    @Test
    void streaming_secretInTheAnswer_cutsTheStreamBeforeTheSecret() {
        ScriptedModel model = ScriptedModel.streaming(List.of("The key is ", "AKIA", "Z7QW3RT5YH2KLXMN", " so use it"));
        List<String> emitted = new ArrayList<>();

        assertThatThrownBy(() -> client(model, "openai:api").prompt().user("which key do we deploy with?").stream()
                        .content()
                        .doOnNext(emitted::add)
                        .blockLast())
                .isInstanceOf(ResponseBlockedException.class)
                .hasMessageNotContaining(KEY);
        assertThat(String.join("", emitted)).isEqualTo("The key is ");
    }

    @Test
    void twoPeopleAcrossTurns_withChatMemory_eachAnswerRestoresTheRightPerson() {
        ScriptedModel model = ScriptedModel.answering(text -> "Noted: " + text.substring(text.lastIndexOf(' ') + 1));
        ChatMemory memory = MessageWindowChatMemory.builder().maxMessages(20).build();
        ChatClient chat = client(model, "openai:api")
                .mutate()
                .defaultAdvisors(MessageChatMemoryAdvisor.builder(memory).build())
                .build();

        String first = chat.prompt()
                .user("Rosa writes from " + ROSA)
                .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, "support-7"))
                .call()
                .content();
        String second = chat.prompt()
                .user("Bob writes from " + BOB)
                .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, "support-7"))
                .call()
                .content();

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
    void ragDocumentWithASecret_isRedactedBeforeTheModel() {
        ScriptedModel model = ScriptedModel.answering(text -> "done");
        RetrievalAugmentationAdvisor rag = RetrievalAugmentationAdvisor.builder()
                .documentRetriever(query -> List.of(new Document("Deploy with the key " + KEY + " from the vault.")))
                .build();
        ChatClient chat =
                client(model, "openai:api").mutate().defaultAdvisors(rag).build();

        chat.prompt().user("How do we deploy?").call().content();

        assertThat(rag.getOrder()).isLessThan(ClearanceAdvisor.DEFAULT_ORDER);
        assertThat(String.join("\n", model.lastPrompt()))
                .contains("Deploy with the key [SECRET_1] from the vault.")
                .doesNotContain(KEY);
    }

    /** A local tool whose result holds a secret. */
    static final ToolCallback LEAKY_TOOL = new ToolCallback() {
        @Override
        public ToolDefinition getToolDefinition() {
            return ToolDefinition.builder()
                    .name("deployConfig")
                    .description("reads the deploy configuration")
                    .inputSchema("{\"type\":\"object\",\"properties\":{}}")
                    .build();
        }

        @Override
        public String call(String toolInput) {
            return "aws_access_key_id = " + KEY;
        }
    };

    /** First asks for the tool, then answers with what the tool result said. */
    static ScriptedModel toolUsingModel() {
        return new ScriptedModel(
                p -> {
                    Message last = p.getInstructions().get(p.getInstructions().size() - 1);
                    if (last instanceof ToolResponseMessage t) {
                        return reply(
                                "The config says " + t.getResponses().get(0).responseData());
                    }
                    return new ChatResponse(List.of(new Generation(AssistantMessage.builder()
                            .content("")
                            .toolCalls(
                                    List.of(new AssistantMessage.ToolCall("call-1", "function", "deployConfig", "{}")))
                            .build())));
                },
                ToolCallingChatOptions.builder().model("gpt-4o").build());
    }

    @Test
    void toolResultWithASecret_isRedactedBeforeGoingBackToTheModel() {
        ScriptedModel model = toolUsingModel();
        ChatClient chat = client(model, "openai:api")
                .mutate()
                .defaultAdvisors(ToolCallAdvisor.builder().build())
                .build();

        String answer = chat.prompt()
                .user("What is in the deploy config?")
                .toolCallbacks(LEAKY_TOOL)
                .call()
                .content();

        assertThat(model.seen).hasSize(2);
        assertThat(model.seen.get(1)).contains("aws_access_key_id = [SECRET_1]");
        assertThat(String.join("\n", model.seen.get(1))).doesNotContain(KEY);
        // the provider never saw the key; the placeholder is restored for the user, whose own tool read it
        assertThat(answer).isEqualTo("The config says aws_access_key_id = " + KEY);
    }

    @Test
    void toolsRunInsideTheChatModel_areRefused_becauseTheirResultsWouldBypassTheCheck() {
        ScriptedModel model = toolUsingModel();

        assertThatThrownBy(() -> client(model, "openai:api")
                        .prompt()
                        .user("What is in the deploy config?")
                        .toolCallbacks(LEAKY_TOOL)
                        .call()
                        .content())
                .isInstanceOf(ClearanceDeniedException.class)
                .hasMessageContaining("ToolCallAdvisor");
        assertThat(model.seen).isEmpty();
    }

    @Test
    void modelOutputEchoingASecret_reachesTheUserRedacted() {
        ScriptedModel model = ScriptedModel.answering(text -> "Use the key " + KEY + " for that.");

        String answer = client(model, "openai:api")
                .prompt()
                .user("which key do we deploy with?")
                .call()
                .content();

        assertThat(answer).isEqualTo("Use the key [SECRET_1] for that.");
    }

    @Test
    void systemMessage_isCheckedToo() {
        ScriptedModel model = ScriptedModel.answering(text -> "ok");

        client(model, "openai:api")
                .prompt()
                .system("Escalate to " + BOB)
                .user("hi")
                .call()
                .content();

        assertThat(model.lastPrompt()).containsExactly("Escalate to [EMAIL_ADDRESS_1]", "hi");
    }
}
