package dev.clearance.examples.langchain4j;

import dev.clearance.Classification;
import dev.clearance.Conversation;
import dev.clearance.Decision;
import dev.clearance.PolicyDecider;
import dev.clearance.PolicyException;
import dev.clearance.PolicyRequest;
import dev.clearance.RedactionVault;
import dev.clearance.ResponseBlockedException;
import dev.clearance.ResponseGuard;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.guardrail.GuardrailRequestParams;
import dev.langchain4j.guardrail.InputGuardrail;
import dev.langchain4j.guardrail.InputGuardrailRequest;
import dev.langchain4j.guardrail.InputGuardrailResult;
import dev.langchain4j.guardrail.OutputGuardrail;
import dev.langchain4j.guardrail.OutputGuardrailRequest;
import dev.langchain4j.guardrail.OutputGuardrailResult;
import dev.langchain4j.invocation.InvocationContext;
import java.util.Objects;

/**
 * Clearance as LangChain4j guardrails for one destination: {@link #input()} asks the engine before the model
 * sees the user message (DENY blocks the call with an {@code InputGuardrailException}; REDACT replaces the
 * message with the redacted text) and {@link #output()} puts the original values back in place of the
 * placeholders in the model's answer ({@link Decision#restore(String)}), so the user sees their own data and the
 * provider never did.
 *
 * <p>The placeholders live in a {@link Conversation} per chat memory id (per invocation without chat memory),
 * held in a {@link RedactionVault} and found again from the guardrail request's invocation context, not from the
 * thread: a streaming model's output guardrail runs on the model's thread. The output guardrail checks the
 * answer ({@link ResponseGuard}: secrets the model writes are redacted, a denied answer fails) before restoring.
 * Use one instance per destination; it is thread-safe.
 */
public final class ClearanceGuardrails {
    private final PolicyDecider engine;
    private final RedactionVault vault = RedactionVault.create();
    private final ResponseGuard responses;
    private final PolicyRequest.Destination destination;
    private final Classification classification;
    private final InputGuardrail input = new Input();
    private final OutputGuardrail output = new Output();

    private ClearanceGuardrails(
            PolicyDecider engine, PolicyRequest.Destination destination, Classification classification) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.responses = ResponseGuard.of(engine);
        this.destination = Objects.requireNonNull(destination, "destination");
        this.classification = Objects.requireNonNull(classification, "classification");
    }

    /** Guardrails deciding every user message of {@code classification} sent to {@code destination}. */
    public static ClearanceGuardrails forDestination(
            PolicyDecider engine, PolicyRequest.Destination destination, Classification classification) {
        return new ClearanceGuardrails(engine, destination, classification);
    }

    public InputGuardrail input() {
        return input;
    }

    public OutputGuardrail output() {
        return output;
    }

    private PolicyRequest request(String text) {
        return PolicyRequest.builder()
                .destination(destination)
                .classification(classification)
                .content(text)
                .build();
    }

    /** The conversation of this call: its chat memory's, else its invocation's. Null when neither is known. */
    private Conversation conversation(GuardrailRequestParams params) {
        if (params == null) {
            return null;
        }
        InvocationContext ctx = params.invocationContext();
        Object id = params.chatMemory() != null ? params.chatMemory().id() : ctx != null ? ctx.invocationId() : null;
        return id == null ? null : vault.conversation(String.valueOf(id));
    }

    private final class Input implements InputGuardrail {
        @Override
        public InputGuardrailResult validate(InputGuardrailRequest request) {
            String text = request.userMessage().hasSingleText()
                    ? request.userMessage().singleText()
                    : null;
            if (text == null) {
                return fatal("Clearance: only text messages can be checked; blocked");
            }
            Decision d;
            try {
                Conversation conversation = conversation(request.requestParams());
                if (conversation == null) {
                    return fatal("Clearance: no conversation to keep placeholders in; blocked");
                }
                d = engine.evaluate(request(text), conversation);
            } catch (PolicyException e) {
                return fatal("Clearance: " + e.getClass().getSimpleName() + "; blocked");
            }
            return switch (d.effect()) {
                case ALLOW -> success();
                case REDACT -> successWith(d.content());
                // the message names the rules, never the content
                case DENY ->
                    fatal("Clearance denied sending this message (" + String.join(", ", d.ruleIds()) + ", decision "
                            + d.decisionId() + ")");
            };
        }
    }

    private final class Output implements OutputGuardrail {
        @Override
        public OutputGuardrailResult validate(OutputGuardrailRequest request) {
            AiMessage answer = request.responseFromLLM().aiMessage();
            if (answer == null || answer.text() == null) {
                return success();
            }
            try {
                Conversation conversation = conversation(request.requestParams());
                String shown = responses.check(request(answer.text()), conversation, answer.text());
                return successWith(AiMessage.from(shown));
            } catch (ResponseBlockedException e) {
                return fatal(e.getMessage());
            } catch (PolicyException e) {
                return fatal("Clearance: " + e.getClass().getSimpleName() + "; blocked");
            }
        }
    }
}
