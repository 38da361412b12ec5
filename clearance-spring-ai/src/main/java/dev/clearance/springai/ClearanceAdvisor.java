package dev.clearance.springai;

import dev.clearance.Classification;
import dev.clearance.Conversation;
import dev.clearance.Decision;
import dev.clearance.PolicyDecider;
import dev.clearance.PolicyRequest;
import dev.clearance.RedactionVault;
import dev.clearance.ResponseGuard;
import dev.clearance.catalog.ClearanceRouting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.core.Ordered;
import reactor.core.publisher.Flux;

/**
 * Clearance as a Spring AI advisor, for calls and streams alike: every message of the final prompt (system, user
 * with retrieved documents, assistant history and its tool calls, tool results) is decided before the model is
 * called. DENY fails the call, or errors the stream before anything reaches the model, with a
 * {@link ClearanceDeniedException}; REDACT sends placeholders. The answer is checked by {@link ResponseGuard} and
 * its placeholders restored: whole for a call, chunk by chunk for a stream (a stream in which the check finds
 * anything is cut with a {@link dev.clearance.ResponseBlockedException}).
 *
 * <p>Ordered last but for the model ({@link #DEFAULT_ORDER}), after chat memory, RAG
 * ({@code QuestionAnswerAdvisor}, {@code RetrievalAugmentationAdvisor}) and {@code ToolCallAdvisor}, so it sees
 * what the model will see and every round of a tool loop. A prompt offering tools that the chat model would run
 * itself ({@code internalToolExecutionEnabled}, Spring AI's default) is refused: those tool results would go to
 * the model without passing any advisor. Use {@code ToolCallAdvisor}, or opt out with
 * {@link Builder#allowInternalToolExecution(boolean)}.
 *
 * <p>Destination and classification are resolved per call: the advisor parameter {@link #PRODUCT}, else the
 * prompt's model name through {@link ClearanceRouting}; the parameter {@link #CLASSIFICATION}, else the routing's
 * default. Placeholders are kept per conversation ({@link ChatMemory#CONVERSATION_ID}, the id chat memory uses)
 * in a {@link RedactionVault}, so the same value keeps its placeholder across turns; a call without a
 * conversation id gets a conversation of its own. Thread-safe.
 */
public final class ClearanceAdvisor implements CallAdvisor, StreamAdvisor {
    /** After every Spring AI advisor that changes the prompt; before only the model itself. */
    public static final int DEFAULT_ORDER = Ordered.LOWEST_PRECEDENCE - 1000;

    /** Advisor parameter: the catalog product id this call goes to (overrides the routing). */
    public static final String PRODUCT = "clearance_product";

    /** Advisor parameter: the {@link Classification} (or its name) of this call's data. */
    public static final String CLASSIFICATION = "clearance_classification";

    private final PolicyDecider decider;
    private final ResponseGuard guard;
    private final ClearanceRouting routing;
    private final RedactionVault vault;
    private final int order;
    private final boolean allowInternalToolExecution;

    private ClearanceAdvisor(Builder b) {
        this.decider = b.decider;
        this.guard = ResponseGuard.of(b.decider);
        this.routing = b.routing;
        this.vault = b.vault;
        this.order = b.order;
        this.allowInternalToolExecution = b.allowInternalToolExecution;
    }

    /** An advisor deciding with {@code decider} (a {@code ReloadingPolicyEngine} keeps hot reload working). */
    public static Builder builder(PolicyDecider decider, ClearanceRouting routing) {
        return new Builder(decider, routing);
    }

    @Override
    public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
        Checked checked = check(request);
        ChatClientResponse response = chain.nextCall(checked.request);
        ChatResponse answer = response.chatResponse();
        if (answer == null) {
            return response;
        }
        List<Generation> shown = new ArrayList<>();
        for (Generation g : answer.getResults()) {
            AssistantMessage out = g.getOutput();
            String text = guard.check(checked.sent, checked.conversation, out.getText());
            shown.add(new Generation(assistant(out, text, checked.conversation), g.getMetadata()));
        }
        return response.mutate()
                .chatResponse(
                        ChatResponse.builder().from(answer).generations(shown).build())
                .build();
    }

    @Override
    public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
        return Flux.defer(() -> {
            // checked before the chain is asked for a stream: a DENY reaches no model
            Checked checked = check(request);
            ResponseGuard.Stream stream = guard.stream(checked.sent, checked.conversation);
            Map<String, Object> context = checked.request.context();
            return chain.nextStream(checked.request)
                    .map(chunk -> chunk(chunk, stream, checked.conversation))
                    .concatWith(Flux.defer(() -> {
                        String rest = stream.finish();
                        return rest.isEmpty() ? Flux.empty() : Flux.just(lastChunk(rest, context));
                    }));
        });
    }

    private static ChatClientResponse chunk(
            ChatClientResponse response, ResponseGuard.Stream stream, Conversation conversation) {
        ChatResponse answer = response.chatResponse();
        if (answer == null || answer.getResults().isEmpty()) {
            return response;
        }
        if (answer.getResults().size() > 1) {
            throw new IllegalStateException("Clearance checks streams of one generation; got "
                    + answer.getResults().size() + ", stream cut");
        }
        Generation g = answer.getResult();
        String emitted = stream.push(g.getOutput().getText());
        return response.mutate()
                .chatResponse(ChatResponse.builder()
                        .from(answer)
                        .generations(List.of(
                                new Generation(assistant(g.getOutput(), emitted, conversation), g.getMetadata())))
                        .build())
                .build();
    }

    private static ChatClientResponse lastChunk(String text, Map<String, Object> context) {
        return ChatClientResponse.builder()
                .chatResponse(new ChatResponse(List.of(new Generation(new AssistantMessage(text)))))
                .context(context)
                .build();
    }

    /** The model's message with {@code text}; tool-call arguments restored so local tools get the real values. */
    private static AssistantMessage assistant(AssistantMessage out, String text, Conversation conversation) {
        List<AssistantMessage.ToolCall> calls = new ArrayList<>();
        for (AssistantMessage.ToolCall c : out.getToolCalls()) {
            calls.add(new AssistantMessage.ToolCall(c.id(), c.type(), c.name(), conversation.restore(c.arguments())));
        }
        return AssistantMessage.builder()
                .content(text)
                .properties(out.getMetadata())
                .toolCalls(calls)
                .media(out.getMedia())
                .build();
    }

    private record Checked(ChatClientRequest request, PolicyRequest sent, Conversation conversation) {}

    /** Decides every message of the prompt; returns the request to send, or throws. */
    private Checked check(ChatClientRequest request) {
        Prompt prompt = request.prompt();
        Map<String, Object> context = request.context();
        ChatOptions options = prompt.getOptions();
        if (!allowInternalToolExecution
                && offersTools(options)
                && ToolCallingChatOptions.isInternalToolExecutionEnabled(options)) {
            throw new ClearanceDeniedException(
                    "Clearance refused a prompt whose tools the chat model would run itself: their results would"
                            + " reach the model unchecked (use ToolCallAdvisor)",
                    List.of(),
                    null);
        }
        Object product = context.get(PRODUCT);
        PolicyRequest sent = PolicyRequest.builder()
                .product(
                        product != null
                                ? product.toString()
                                : routing.product(options == null ? null : options.getModel()))
                .classification(classification(context.get(CLASSIFICATION)))
                .content("")
                .build();
        Object id = context.get(ChatMemory.CONVERSATION_ID);
        Conversation conversation = id != null ? vault.conversation(id.toString()) : Conversation.create();
        List<Message> messages = new ArrayList<>();
        for (Message m : prompt.getInstructions()) {
            messages.add(checked(m, sent, conversation));
        }
        ChatClientRequest next =
                request.mutate().prompt(new Prompt(messages, options)).build();
        return new Checked(next, sent, conversation);
    }

    private Classification classification(Object given) {
        if (given == null) {
            return routing.classification();
        }
        if (given instanceof Classification c) {
            return c;
        }
        try {
            return Classification.valueOf(given.toString().trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ClearanceDeniedException(
                    "Clearance refused a prompt with an unknown classification parameter", List.of(), null);
        }
    }

    private static boolean offersTools(ChatOptions options) {
        return options instanceof ToolCallingChatOptions t
                && (!t.getToolCallbacks().isEmpty() || !t.getToolNames().isEmpty());
    }

    private Message checked(Message m, PolicyRequest sent, Conversation conversation) {
        String kind = m.getMessageType().getValue();
        if (m instanceof UserMessage u) {
            if (!u.getMedia().isEmpty()) {
                throw new ClearanceDeniedException(
                        "Clearance refused a prompt with media: only text can be checked", List.of(), null);
            }
            return UserMessage.builder()
                    .text(decide(u.getText(), sent, conversation, kind))
                    .metadata(u.getMetadata())
                    .build();
        }
        if (m instanceof SystemMessage s) {
            return s.mutate()
                    .text(decide(s.getText(), sent, conversation, kind))
                    .build();
        }
        if (m instanceof AssistantMessage a) {
            if (!a.getMedia().isEmpty()) {
                throw new ClearanceDeniedException(
                        "Clearance refused a prompt with media: only text can be checked", List.of(), null);
            }
            List<AssistantMessage.ToolCall> calls = new ArrayList<>();
            for (AssistantMessage.ToolCall c : a.getToolCalls()) {
                calls.add(new AssistantMessage.ToolCall(
                        c.id(), c.type(), c.name(), decide(c.arguments(), sent, conversation, "tool call")));
            }
            return AssistantMessage.builder()
                    .content(decide(a.getText(), sent, conversation, kind))
                    .properties(a.getMetadata())
                    .toolCalls(calls)
                    .build();
        }
        if (m instanceof ToolResponseMessage t) {
            List<ToolResponseMessage.ToolResponse> responses = new ArrayList<>();
            for (ToolResponseMessage.ToolResponse r : t.getResponses()) {
                responses.add(new ToolResponseMessage.ToolResponse(
                        r.id(), r.name(), decide(r.responseData(), sent, conversation, kind)));
            }
            return ToolResponseMessage.builder()
                    .responses(responses)
                    .metadata(t.getMetadata())
                    .build();
        }
        throw new ClearanceDeniedException(
                "Clearance refused a prompt with a message of an unknown kind (" + kind + ")", List.of(), null);
    }

    /** The text to send for {@code text}, or throws when the policy denies it. */
    private String decide(String text, PolicyRequest sent, Conversation conversation, String kind) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Decision d = decider.evaluate(sent.withContent(text), conversation);
        return switch (d.effect()) {
            case ALLOW -> text;
            case REDACT -> d.content();
            // names the rules, the decision and the kind of message, never the content
            case DENY ->
                throw new ClearanceDeniedException(
                        "Clearance denied sending this prompt (" + kind + " message; " + String.join(", ", d.ruleIds())
                                + ", decision " + d.decisionId() + ")",
                        d.ruleIds(),
                        d.decisionId());
        };
    }

    @Override
    public String getName() {
        return "clearance";
    }

    @Override
    public int getOrder() {
        return order;
    }

    @Override
    public String toString() {
        return "ClearanceAdvisor[" + routing + ", order " + order + "]";
    }

    /** Builds a {@link ClearanceAdvisor}. */
    public static final class Builder {
        private final PolicyDecider decider;
        private final ClearanceRouting routing;
        private RedactionVault vault = RedactionVault.create();
        private int order = DEFAULT_ORDER;
        private boolean allowInternalToolExecution;

        private Builder(PolicyDecider decider, ClearanceRouting routing) {
            this.decider = Objects.requireNonNull(decider, "decider");
            this.routing = Objects.requireNonNull(routing, "routing");
        }

        /** Where the conversations' placeholders are kept; default a new {@link RedactionVault#create()}. */
        public Builder vault(RedactionVault vault) {
            this.vault = Objects.requireNonNull(vault, "vault");
            return this;
        }

        /** The advisor order; keep it after every advisor that changes the prompt. */
        public Builder order(int order) {
            this.order = order;
            return this;
        }

        /**
         * Lets through prompts whose tools the chat model runs itself. Their results then reach the model without
         * being checked; off by default.
         */
        public Builder allowInternalToolExecution(boolean allow) {
            this.allowInternalToolExecution = allow;
            return this;
        }

        public ClearanceAdvisor build() {
            return new ClearanceAdvisor(this);
        }
    }
}
