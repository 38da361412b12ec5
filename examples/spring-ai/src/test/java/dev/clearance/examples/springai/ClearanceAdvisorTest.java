package dev.clearance.examples.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clearance.Classification;
import dev.clearance.PolicyEngine;
import dev.clearance.PolicyRequest;
import dev.clearance.rules.DefaultRulePack;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;

class ClearanceAdvisorTest {
    static final PolicyEngine ENGINE =
            PolicyEngine.builder().rulePack(DefaultRulePack.v1()).build();

    /** A stand-in model that records the user text it was sent and echoes it back. */
    static final class EchoModel implements ChatModel {
        final List<String> seen = new ArrayList<>();

        @Override
        public ChatResponse call(Prompt prompt) {
            String text = prompt.getUserMessage().getText();
            seen.add(text);
            return new ChatResponse(List.of(new Generation(new AssistantMessage("Draft: Dear customer at " + text))));
        }
    }

    static ChatClient client(ChatModel model, String product) {
        // tag::spring-ai[]
        ChatClient chat = ChatClient.builder(model)
                .defaultAdvisors(new ClearanceAdvisor(
                        ENGINE, PolicyRequest.Destination.product(product), Classification.INTERNAL))
                .build();
        // end::spring-ai[]
        return chat;
    }

    @Test
    void call_personalData_modelSeesPlaceholder_userSeesOriginal() {
        EchoModel model = new EchoModel();

        String answer = client(model, "openai:api")
                .prompt()
                .user("rosa.valdez@northwindtraders.com")
                .call()
                .content();

        assertThat(model.seen).containsExactly("[EMAIL_ADDRESS_1]");
        assertThat(answer).isEqualTo("Draft: Dear customer at rosa.valdez@northwindtraders.com");
    }

    @Test
    void call_internalDataToTrainingConsumerTool_isBlockedBeforeTheModel() {
        EchoModel model = new EchoModel();
        ChatClient chat = client(model, "openai:chatgpt-free");

        assertThatThrownBy(() ->
                        chat.prompt().user("Summarize our sprint notes.").call().content())
                .isInstanceOf(ClearanceAdvisor.ClearanceDeniedException.class)
                .hasMessageContaining("classification.internal-no-training")
                .hasMessageNotContaining("sprint notes");
        assertThat(model.seen).isEmpty();
    }

    @Test
    void call_cleanText_passesUnchanged() {
        EchoModel model = new EchoModel();

        String answer = client(model, "anthropic:claude-enterprise")
                .prompt()
                .user("the migration slipped")
                .call()
                .content();

        assertThat(model.seen).containsExactly("the migration slipped");
        assertThat(answer).isEqualTo("Draft: Dear customer at the migration slipped");
    }
}
