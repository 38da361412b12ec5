package dev.clearance.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clearance.Classification;
import dev.clearance.PolicyEngine;
import dev.clearance.catalog.ClearanceRouting;
import dev.clearance.rules.DefaultRulePack;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.guardrail.InputGuardrailException;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClearanceGuardrailsTest {
    static final PolicyEngine ENGINE =
            PolicyEngine.builder().rulePack(DefaultRulePack.v1()).build();

    interface Assistant {
        String chat(String message);
    }

    /** A stand-in model that records what it was sent and echoes it back. */
    static final class EchoModel implements ChatModel {
        final List<String> seen = new ArrayList<>();

        @Override
        public ChatResponse doChat(ChatRequest request) {
            ChatMessage last = request.messages().get(request.messages().size() - 1);
            String text = ((UserMessage) last).singleText();
            seen.add(text);
            return ChatResponse.builder()
                    .aiMessage(AiMessage.from("Draft: Dear customer at " + text))
                    .build();
        }
    }

    static Assistant assistant(ChatModel model, String product) {
        // tag::langchain4j[]
        ClearanceGuardrails clearance = ClearanceGuardrails.builder(
                        ENGINE, // any PolicyDecider: a ReloadingPolicyEngine keeps hot reload working
                        ClearanceRouting.builder(product) // model name → catalog product, resolved per call
                                .model("gpt-", "openai:api")
                                .classification(Classification.INTERNAL)
                                .build())
                .build();

        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(clearance.chatModel(model)) // refuses any request still holding what it would change
                .chatMemory(clearance.chatMemory(MessageWindowChatMemory.withMaxMessages(20))) // redacts what is kept
                .inputGuardrails(clearance.input()) // DENY blocks, REDACT rewrites the user message (and RAG content)
                .outputGuardrails(clearance.output()) // checks the answer, puts the original values back
                .build();
        // end::langchain4j[]
        return assistant;
    }

    @Test
    void chat_personalData_modelSeesPlaceholder_userSeesOriginal() {
        EchoModel model = new EchoModel();

        String answer = assistant(model, "openai:api").chat("rosa.valdez@northwindtraders.com");

        assertThat(model.seen).containsExactly("[EMAIL_ADDRESS_1]");
        assertThat(answer).isEqualTo("Draft: Dear customer at rosa.valdez@northwindtraders.com");
    }

    @Test
    void chat_internalDataToTrainingConsumerTool_isBlockedBeforeTheModel() {
        EchoModel model = new EchoModel();
        Assistant assistant = assistant(model, "openai:chatgpt-free");

        assertThatThrownBy(() -> assistant.chat("Summarize our sprint notes."))
                .isInstanceOf(InputGuardrailException.class)
                .hasMessageContaining("classification.internal-no-training")
                .hasMessageNotContaining("sprint notes");
        assertThat(model.seen).isEmpty();
    }

    @Test
    void chat_cleanText_passesUnchanged() {
        EchoModel model = new EchoModel();

        String answer = assistant(model, "anthropic:claude-enterprise").chat("the migration slipped");

        assertThat(model.seen).containsExactly("the migration slipped");
        assertThat(answer).isEqualTo("Draft: Dear customer at the migration slipped");
    }

    @Test
    void chat_secretEvenToLocalModel_isRedacted() {
        EchoModel model = new EchoModel();

        assistant(model, "local:ollama").chat("why is AKIAZ7QW3RT5YH2KLXMN rejected?");

        assertThat(model.seen).containsExactly("why is [SECRET_1] rejected?");
    }
}
