package dev.clearance.examples.springai;

import dev.clearance.Classification;
import dev.clearance.Decision;
import dev.clearance.PolicyEngine;
import dev.clearance.PolicyRequest;
import java.util.List;
import java.util.Objects;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.core.Ordered;

/**
 * Clearance as a Spring AI {@link CallAdvisor} for one destination: before the model is called, the user message
 * is decided; DENY throws {@link ClearanceDeniedException} (the model is never called), REDACT sends the redacted
 * text instead, and the placeholders in the model's answer are restored ({@link Decision#restore(String)}).
 * Runs first ({@link Ordered#HIGHEST_PRECEDENCE}) so no other advisor (memory, RAG) sees the raw text after it.
 * Stateless and thread-safe.
 */
public final class ClearanceAdvisor implements CallAdvisor {
    private final PolicyEngine engine;
    private final PolicyRequest.Destination destination;
    private final Classification classification;

    public ClearanceAdvisor(PolicyEngine engine, PolicyRequest.Destination destination, Classification classification) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.destination = Objects.requireNonNull(destination, "destination");
        this.classification = Objects.requireNonNull(classification, "classification");
    }

    @Override
    public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
        UserMessage user = request.prompt().getUserMessage();
        String text = user == null ? "" : user.getText();
        Decision d = engine.evaluate(PolicyRequest.builder()
                .destination(destination)
                .classification(classification)
                .content(text)
                .build());
        switch (d.effect()) {
            case DENY -> throw new ClearanceDeniedException(d.ruleIds(), d.decisionId());
            case ALLOW -> {
                return chain.nextCall(request);
            }
            default -> {
                ChatClientRequest redacted = request.mutate()
                        .prompt(request.prompt().augmentUserMessage(d.content()))
                        .build();
                ChatClientResponse response = chain.nextCall(redacted);
                return response.mutate()
                        .chatResponse(restore(response.chatResponse(), d))
                        .build();
            }
        }
    }

    private static ChatResponse restore(ChatResponse response, Decision d) {
        if (response == null) {
            return null;
        }
        List<Generation> restored = response.getResults().stream()
                .map(g -> new Generation(
                        new AssistantMessage(d.restore(g.getOutput().getText())), g.getMetadata()))
                .toList();
        return new ChatResponse(restored, response.getMetadata());
    }

    @Override
    public String getName() {
        return "clearance";
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** The policy denied sending the prompt; names the rules and the decision, never the content. */
    public static final class ClearanceDeniedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final List<String> ruleIds;
        private final String decisionId;

        public ClearanceDeniedException(List<String> ruleIds, String decisionId) {
            super("Clearance denied sending this prompt (" + String.join(", ", ruleIds) + ", decision " + decisionId
                    + ")");
            this.ruleIds = List.copyOf(ruleIds);
            this.decisionId = decisionId;
        }

        public List<String> ruleIds() {
            return ruleIds;
        }

        public String decisionId() {
            return decisionId;
        }
    }
}
