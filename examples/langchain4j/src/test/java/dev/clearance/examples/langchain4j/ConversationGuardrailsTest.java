package dev.clearance.examples.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.Classification;
import dev.clearance.PolicyRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The bugs of the conversations issue, reproduced with the real AiServices and scripted models. */
class ConversationGuardrailsTest {
    private static final String ROSA = "rosa.valdez@northwindtraders.com";
    private static final String BOB = "bob.okafor@northwindtraders.com";
    /** AKIA + 16 base-32 characters: the documented shape of an AWS access key id. */
    private static final String KEY = "AKIA" + "Z7QW3RT5YH2KLXMN";

    interface Assistant {
        String chat(String message);
    }

    /** Answers each request with {@code script} applied to the last user message; records what it saw. */
    static final class ScriptedModel implements ChatModel {
        final List<String> seen = new ArrayList<>();
        final Function<String, String> script;

        ScriptedModel(Function<String, String> script) {
            this.script = script;
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            ChatMessage last = request.messages().get(request.messages().size() - 1);
            String text = ((UserMessage) last).singleText();
            seen.add(text);
            return ChatResponse.builder()
                    .aiMessage(AiMessage.from(script.apply(text)))
                    .build();
        }
    }

    private static ClearanceGuardrails clearance() {
        return ClearanceGuardrails.forDestination(
                ClearanceGuardrailsTest.ENGINE,
                PolicyRequest.Destination.product("openai:api"),
                Classification.INTERNAL);
    }

    @Test
    void twoPeopleAcrossTurns_withChatMemory_eachAnswerRestoresTheRightPerson() {
        ClearanceGuardrails clearance = clearance();
        ScriptedModel model = new ScriptedModel(text -> "Noted: " + text.substring(text.lastIndexOf(' ') + 1));
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(model)
                .chatMemory(MessageWindowChatMemory.withMaxMessages(20))
                .inputGuardrails(clearance.input())
                .outputGuardrails(clearance.output())
                .build();

        String first = assistant.chat("Rosa writes from " + ROSA);
        String second = assistant.chat("Bob writes from " + BOB);

        assertThat(model.seen)
                .containsExactly("Rosa writes from [EMAIL_ADDRESS_1]", "Bob writes from [EMAIL_ADDRESS_2]");
        assertThat(first).isEqualTo("Noted: " + ROSA);
        assertThat(second).isEqualTo("Noted: " + BOB);
    }

    @Test
    void modelOutputEchoingASecret_reachesTheUserRedacted() {
        ClearanceGuardrails clearance = clearance();
        ScriptedModel model = new ScriptedModel(text -> "Use the key " + KEY + " for that.");
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(model)
                .inputGuardrails(clearance.input())
                .outputGuardrails(clearance.output())
                .build();

        String answer = assistant.chat("which key do we deploy with?");

        assertThat(answer).isEqualTo("Use the key [SECRET_1] for that.");
    }
}
