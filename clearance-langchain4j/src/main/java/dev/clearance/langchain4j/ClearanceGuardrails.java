package dev.clearance.langchain4j;

import dev.clearance.Classification;
import dev.clearance.Conversation;
import dev.clearance.Decision;
import dev.clearance.PolicyDecider;
import dev.clearance.PolicyRequest;
import dev.clearance.RedactionVault;
import dev.clearance.ResponseBlockedException;
import dev.clearance.ResponseGuard;
import dev.clearance.StreamingRestorer;
import dev.clearance.catalog.ClearanceRouting;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.guardrail.GuardrailRequestParams;
import dev.langchain4j.guardrail.InputGuardrail;
import dev.langchain4j.guardrail.InputGuardrailRequest;
import dev.langchain4j.guardrail.InputGuardrailResult;
import dev.langchain4j.guardrail.OutputGuardrail;
import dev.langchain4j.guardrail.OutputGuardrailRequest;
import dev.langchain4j.guardrail.OutputGuardrailResult;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Clearance for LangChain4j AI services. Each piece covers one path to the model:
 *
 * <ul>
 *   <li>{@link #input()}: the user message, with any RAG content the retrieval augmentor added, is decided before
 *       the model is called (DENY fails the call with an {@code InputGuardrailException}; REDACT sends placeholders);
 *   <li>{@link #chatMemory(ChatMemory)} (in a provider: {@code id -> clearance.chatMemory(...)}): every message stored in
 *       chat memory (system messages, user messages, the model's answers and tool calls, tool results) is redacted
 *       as it is added, so what is resent each turn and each round of a tool loop holds placeholders only;
 *   <li>{@link #chatModel(ChatModel)} / {@link #streamingChatModel(StreamingChatModel)}: the last check before the
 *       provider: a request holding any message the policy would still change or deny is refused (fail closed),
 *       whatever path it came by;
 *   <li>{@link #output()}: the answer is checked ({@link ResponseGuard}) and its placeholders restored; for a
 *       stream this is the complete response. LangChain4j passes a stream's partial responses on before any output
 *       guardrail runs: {@link #streamingChatModel(StreamingChatModel)} checks them as they arrive (a secret cuts
 *       the stream) and {@link #restoring(Object, Consumer)} restores their placeholders.
 * </ul>
 *
 * <p>Placeholders belong to a {@link Conversation} per chat memory id (kept in a {@link RedactionVault}: the same
 * value keeps its placeholder across turns, two values never share one), or per invocation without chat memory.
 * The conversation is found from the guardrail request's chat memory and invocation context and from the memory's
 * id, never from the thread. Destination and classification are resolved per call: the invocation parameters
 * {@link #PRODUCT} and {@link #CLASSIFICATION} ({@code InvocationParameters} argument of the AI service method),
 * else the model name through {@link ClearanceRouting}. The memory and model checks see no invocation: they use
 * the routing for the model's name. Thread-safe.
 */
public final class ClearanceGuardrails {
    /** Invocation parameter: the catalog product id this call goes to (overrides the routing). */
    public static final String PRODUCT = "clearance_product";

    /** Invocation parameter: the {@link Classification} (or its name) of this call's data. */
    public static final String CLASSIFICATION = "clearance_classification";

    private final PolicyDecider decider;
    private final ResponseGuard guard;
    private final ClearanceRouting routing;
    private final RedactionVault vault;
    private final RedactionVault invocations = RedactionVault.builder()
            .maxConversations(100_000)
            .expireAfter(Duration.ofMinutes(30))
            .build();
    private final InputGuardrail input = new Input();
    private final OutputGuardrail output = new Output();

    private ClearanceGuardrails(Builder b) {
        this.decider = b.decider;
        this.guard = ResponseGuard.of(b.decider);
        this.routing = b.routing;
        this.vault = b.vault;
    }

    /** Guardrails deciding with {@code decider} (a {@code ReloadingPolicyEngine} keeps hot reload working). */
    public static Builder builder(PolicyDecider decider, ClearanceRouting routing) {
        return new Builder(decider, routing);
    }

    /** The input guardrail: decides the user message (and its RAG content). */
    public InputGuardrail input() {
        return input;
    }

    /** The output guardrail: checks the answer and restores its placeholders. */
    public OutputGuardrail output() {
        return output;
    }

    /** The conversation of a chat memory id: its placeholders, e.g. to restore text shown outside the service. */
    public Conversation conversation(Object memoryId) {
        return vault.conversation(String.valueOf(Objects.requireNonNull(memoryId, "memoryId")));
    }

    /** {@code memory}, redacting every message as it is added (DENY: {@link ClearanceDeniedException}). */
    public ChatMemory chatMemory(ChatMemory memory) {
        return new RedactingMemory(Objects.requireNonNull(memory, "memory"));
    }

    /** {@code model}, refusing any request with a message the policy would still change or deny. */
    public ChatModel chatModel(ChatModel model) {
        Objects.requireNonNull(model, "model");
        return new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                verify(request, model.defaultRequestParameters());
                return model.chat(request);
            }

            @Override
            public ChatRequestParameters defaultRequestParameters() {
                return model.defaultRequestParameters();
            }
        };
    }

    /**
     * {@code model}, refusing (through the handler's {@code onError}) any request the policy would change, and
     * checking the streamed answer as it arrives ({@link ResponseGuard#stream}): text is passed on only once
     * checked, and a stream in which the check finds anything is cancelled and ends in {@code onError} with a
     * {@link ResponseBlockedException}. Placeholders stay in the partial responses; restore them with
     * {@link #restoring(Object, Consumer)}.
     */
    public StreamingChatModel streamingChatModel(StreamingChatModel model) {
        Objects.requireNonNull(model, "model");
        return new StreamingChatModel() {
            @Override
            public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
                PolicyRequest sent;
                try {
                    sent = verify(request, model.defaultRequestParameters());
                } catch (RuntimeException e) {
                    handler.onError(e);
                    return;
                }
                model.chat(request, new CheckedHandler(handler, guard.stream(sent, null)));
            }

            @Override
            public ChatRequestParameters defaultRequestParameters() {
                return model.defaultRequestParameters();
            }
        };
    }

    /**
     * Restores the placeholders of the conversation of {@code memoryId} in a streamed answer's partial responses
     * and passes the restored text to {@code onPartial}: {@code tokenStream.onPartialResponse(r)
     * .onCompleteResponse(r.onComplete(...))}. Only a possible placeholder cut at a chunk's end is held back; the
     * rest is passed on before the complete response. One per stream.
     */
    public RestoringPartials restoring(Object memoryId, Consumer<String> onPartial) {
        return new RestoringPartials(conversation(memoryId), Objects.requireNonNull(onPartial, "onPartial"));
    }

    /** Restores a stream's partial responses; from {@link #restoring(Object, Consumer)}. */
    public static final class RestoringPartials implements Consumer<String> {
        private final Conversation conversation;
        private final Consumer<String> sink;
        private StreamingRestorer restorer;

        private RestoringPartials(Conversation conversation, Consumer<String> sink) {
            this.conversation = conversation;
            this.sink = sink;
        }

        @Override
        public synchronized void accept(String chunk) {
            if (restorer == null) {
                // made at the first chunk: the turn's placeholders exist by then
                restorer = conversation.streamingRestorer();
            }
            String out = restorer.push(chunk);
            if (!out.isEmpty()) {
                sink.accept(out);
            }
        }

        /** A complete-response handler that first passes on the text held back, then calls {@code next}. */
        public Consumer<ChatResponse> onComplete(Consumer<ChatResponse> next) {
            Objects.requireNonNull(next, "next");
            return response -> {
                String rest;
                synchronized (this) {
                    rest = restorer == null ? "" : restorer.finish();
                }
                if (!rest.isEmpty()) {
                    sink.accept(rest);
                }
                next.accept(response);
            };
        }

        @Override
        public String toString() {
            return "RestoringPartials[" + (restorer == null ? "not started" : restorer.toString()) + "]";
        }
    }

    /** Passes on a streamed answer only as far as it was checked; cuts it when the check finds anything. */
    private static final class CheckedHandler implements StreamingChatResponseHandler {
        private final StreamingChatResponseHandler delegate;
        private final ResponseGuard.Stream stream;
        private boolean cut;

        CheckedHandler(StreamingChatResponseHandler delegate, ResponseGuard.Stream stream) {
            this.delegate = delegate;
            this.stream = stream;
        }

        @Override
        public void onPartialResponse(String partial) {
            forward(partial, null);
        }

        @Override
        public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            forward(partial.text(), context);
        }

        private synchronized void forward(String chunk, PartialResponseContext context) {
            if (cut) {
                return;
            }
            String out;
            try {
                out = stream.push(chunk);
            } catch (RuntimeException e) {
                cut = true;
                if (context != null) {
                    context.streamingHandle().cancel();
                }
                delegate.onError(e);
                return;
            }
            if (out.isEmpty()) {
                return;
            }
            if (context != null) {
                delegate.onPartialResponse(new PartialResponse(out), context);
            } else {
                delegate.onPartialResponse(out);
            }
        }

        @Override
        public void onPartialThinking(PartialThinking thinking) {
            delegate.onPartialThinking(thinking);
        }

        @Override
        public void onPartialThinking(PartialThinking thinking, PartialThinkingContext context) {
            delegate.onPartialThinking(thinking, context);
        }

        @Override
        public void onPartialToolCall(PartialToolCall call) {
            delegate.onPartialToolCall(call);
        }

        @Override
        public void onPartialToolCall(PartialToolCall call, PartialToolCallContext context) {
            delegate.onPartialToolCall(call, context);
        }

        @Override
        public void onCompleteToolCall(CompleteToolCall call) {
            delegate.onCompleteToolCall(call);
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            String rest;
            synchronized (this) {
                if (cut) {
                    return;
                }
                try {
                    rest = stream.finish();
                } catch (RuntimeException e) {
                    cut = true;
                    delegate.onError(e);
                    return;
                }
            }
            if (!rest.isEmpty()) {
                delegate.onPartialResponse(rest);
            }
            delegate.onCompleteResponse(response);
        }

        @Override
        public void onError(Throwable error) {
            synchronized (this) {
                if (cut) {
                    return;
                }
            }
            delegate.onError(error);
        }
    }

    // ---- per call

    private PolicyRequest sent(String product, Classification classification) {
        return PolicyRequest.builder()
                .product(product)
                .classification(classification)
                .content("")
                .build();
    }

    private PolicyRequest sent(GuardrailRequestParams params) {
        InvocationContext ctx = params == null ? null : params.invocationContext();
        InvocationParameters p = ctx == null ? null : ctx.invocationParameters();
        Object product = p == null ? null : p.get(PRODUCT);
        Object classification = p == null ? null : p.get(CLASSIFICATION);
        String model = null;
        if (ctx != null && ctx.defaultRequestParameters() != null) {
            model = ctx.defaultRequestParameters().modelName();
        }
        return sent(product != null ? product.toString() : routing.product(model), classification(classification));
    }

    private Classification classification(Object given) {
        if (given == null) {
            return routing.classification();
        }
        if (given instanceof Classification c) {
            return c;
        }
        return Classification.valueOf(given.toString().trim().toUpperCase(Locale.ROOT));
    }

    /** The conversation of this call: its chat memory's, else its invocation's. Null when neither is known. */
    private Conversation conversation(GuardrailRequestParams params) {
        if (params == null) {
            return null;
        }
        if (params.chatMemory() != null) {
            return vault.conversation(String.valueOf(params.chatMemory().id()));
        }
        InvocationContext ctx = params.invocationContext();
        return ctx == null || ctx.invocationId() == null
                ? null
                : invocations.conversation(ctx.invocationId().toString());
    }

    private void forgetInvocation(GuardrailRequestParams params) {
        if (params != null && params.chatMemory() == null && params.invocationContext() != null) {
            InvocationContext ctx = params.invocationContext();
            if (ctx.invocationId() != null) {
                invocations.forget(ctx.invocationId().toString());
            }
        }
    }

    private static String denied(Decision d, String what) {
        // names the rules, never the content
        return "Clearance denied sending this " + what + " (" + String.join(", ", d.ruleIds()) + ", decision "
                + d.decisionId() + ")";
    }

    private final class Input implements InputGuardrail {
        @Override
        public InputGuardrailResult validate(InputGuardrailRequest request) {
            if (!request.userMessage().hasSingleText()) {
                return fatal("Clearance: only text messages can be checked; blocked");
            }
            String text = request.userMessage().singleText();
            Decision d;
            try {
                Conversation conversation = conversation(request.requestParams());
                if (conversation == null) {
                    return fatal("Clearance: no conversation to keep placeholders in; blocked");
                }
                d = decider.evaluate(sent(request.requestParams()).withContent(text), conversation);
            } catch (RuntimeException e) {
                return fatal("Clearance: " + e.getClass().getSimpleName() + "; blocked");
            }
            return switch (d.effect()) {
                case ALLOW -> success();
                case REDACT -> successWith(d.content());
                case DENY -> fatal(denied(d, "message"));
            };
        }
    }

    private final class Output implements OutputGuardrail {
        @Override
        public OutputGuardrailResult validate(OutputGuardrailRequest request) {
            AiMessage answer = request.responseFromLLM().aiMessage();
            try {
                if (answer == null || answer.text() == null) {
                    return success();
                }
                Conversation conversation = conversation(request.requestParams());
                String shown = guard.check(sent(request.requestParams()), conversation, answer.text());
                return successWith(answer.toBuilder().text(shown).build());
            } catch (ResponseBlockedException e) {
                return fatal(e.getMessage());
            } catch (RuntimeException e) {
                return fatal("Clearance: " + e.getClass().getSimpleName() + "; blocked");
            } finally {
                forgetInvocation(request.requestParams());
            }
        }
    }

    // ---- memory: redact what is stored and resent

    private final class RedactingMemory implements ChatMemory {
        private final ChatMemory delegate;

        RedactingMemory(ChatMemory delegate) {
            this.delegate = delegate;
        }

        @Override
        public Object id() {
            return delegate.id();
        }

        @Override
        public void add(ChatMessage message) {
            delegate.add(redact(message, conversation(delegate.id())));
        }

        @Override
        public List<ChatMessage> messages() {
            return delegate.messages();
        }

        @Override
        public void clear() {
            delegate.clear();
        }

        @Override
        public String toString() {
            return "ClearanceChatMemory[" + delegate.messages().size() + " messages]";
        }
    }

    private ChatMessage redact(ChatMessage m, Conversation conversation) {
        PolicyRequest sent = sent(routing.product(null), routing.classification());
        if (m instanceof SystemMessage s) {
            return SystemMessage.from(decide(s.text(), sent, conversation, "system message"));
        }
        if (m instanceof UserMessage u) {
            if (!u.hasSingleText()) {
                throw new ClearanceDeniedException(
                        "Clearance refused a user message that is not text: it cannot be checked", List.of(), null);
            }
            return UserMessage.builder()
                    .name(u.name())
                    .attributes(u.attributes())
                    .contents(List.of(TextContent.from(decide(u.singleText(), sent, conversation, "user message"))))
                    .build();
        }
        if (m instanceof AiMessage a) {
            List<ToolExecutionRequest> calls = new ArrayList<>();
            for (ToolExecutionRequest r : a.toolExecutionRequests()) {
                calls.add(r.toBuilder()
                        .arguments(decide(r.arguments(), sent, conversation, "tool call"))
                        .build());
            }
            return a.toBuilder()
                    .text(decide(a.text(), sent, conversation, "assistant message"))
                    .toolExecutionRequests(calls)
                    .build();
        }
        if (m instanceof ToolExecutionResultMessage t) {
            return ToolExecutionResultMessage.builder()
                    .id(t.id())
                    .toolName(t.toolName())
                    .text(decide(t.text(), sent, conversation, "tool result"))
                    .isError(t.isError())
                    .attributes(t.attributes())
                    .build();
        }
        throw new ClearanceDeniedException(
                "Clearance refused a message of an unknown kind (" + m.type() + ")", List.of(), null);
    }

    private String decide(String text, PolicyRequest sent, Conversation conversation, String what) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Decision d = decider.evaluate(sent.withContent(text), conversation);
        return switch (d.effect()) {
            case ALLOW -> text;
            case REDACT -> d.content();
            case DENY -> throw new ClearanceDeniedException(denied(d, what), d.ruleIds(), d.decisionId());
        };
    }

    // ---- model: nothing the policy would change reaches the provider

    private PolicyRequest verify(ChatRequest request, ChatRequestParameters defaults) {
        String model =
                request.modelName() != null ? request.modelName() : defaults == null ? null : defaults.modelName();
        PolicyRequest sent = sent(routing.product(model), Classification.PUBLIC);
        for (ChatMessage m : request.messages()) {
            String what = m.type().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            for (String text : texts(m)) {
                if (text == null || text.isEmpty()) {
                    continue;
                }
                Decision d = decider.evaluate(sent.withContent(text));
                if (d.effect() != dev.clearance.Effect.ALLOW) {
                    throw new ClearanceDeniedException(
                            "Clearance refused a request to the model: a " + what + " holds what the policy would "
                                    + (d.effect() == dev.clearance.Effect.DENY ? "deny" : "redact") + " ("
                                    + String.join(", ", d.ruleIds()) + ", decision " + d.decisionId()
                                    + "); route it through the Clearance chat memory",
                            d.ruleIds(),
                            d.decisionId());
                }
            }
        }
        return sent;
    }

    private static List<String> texts(ChatMessage m) {
        if (m instanceof SystemMessage s) {
            return List.of(s.text());
        }
        if (m instanceof UserMessage u) {
            if (!u.hasSingleText()) {
                throw new ClearanceDeniedException(
                        "Clearance refused a user message that is not text: it cannot be checked", List.of(), null);
            }
            return List.of(u.singleText());
        }
        if (m instanceof AiMessage a) {
            List<String> out = new ArrayList<>();
            out.add(a.text());
            a.toolExecutionRequests().forEach(r -> out.add(r.arguments()));
            return out;
        }
        if (m instanceof ToolExecutionResultMessage t) {
            return List.of(t.text());
        }
        throw new ClearanceDeniedException(
                "Clearance refused a message of an unknown kind (" + m.type() + ")", List.of(), null);
    }

    @Override
    public String toString() {
        return "ClearanceGuardrails[" + routing + "]";
    }

    /** Builds {@link ClearanceGuardrails}. */
    public static final class Builder {
        private final PolicyDecider decider;
        private final ClearanceRouting routing;
        private RedactionVault vault = RedactionVault.create();

        private Builder(PolicyDecider decider, ClearanceRouting routing) {
            this.decider = Objects.requireNonNull(decider, "decider");
            this.routing = Objects.requireNonNull(routing, "routing");
        }

        /** Where the conversations' placeholders are kept; default a new {@link RedactionVault#create()}. */
        public Builder vault(RedactionVault vault) {
            this.vault = Objects.requireNonNull(vault, "vault");
            return this;
        }

        public ClearanceGuardrails build() {
            return new ClearanceGuardrails(this);
        }
    }
}
