package dev.clearance.examples.langchain4j;

import dev.clearance.Classification;
import dev.clearance.Decision;
import dev.clearance.PolicyEngine;
import dev.clearance.PolicyRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.guardrail.InputGuardrail;
import dev.langchain4j.guardrail.InputGuardrailResult;
import dev.langchain4j.guardrail.OutputGuardrail;
import dev.langchain4j.guardrail.OutputGuardrailResult;
import java.util.Objects;

/**
 * Clearance as LangChain4j guardrails for one destination: {@link #input()} asks the engine before the model
 * sees the user message (DENY blocks the call with an {@code InputGuardrailException}; REDACT replaces the
 * message with the redacted text) and {@link #output()} puts the original values back in place of the
 * placeholders in the model's answer ({@link Decision#restore(String)}), so the user sees their own data and the
 * provider never did.
 *
 * <p>The redaction's restore mapping is kept per thread between the two guardrails, which matches how
 * {@code AiServices} runs synchronous calls (input guardrails, model, output guardrails on the caller's thread).
 * Use one instance per destination; it is thread-safe.
 */
public final class ClearanceGuardrails {
    private final PolicyEngine engine;
    private final PolicyRequest.Destination destination;
    private final Classification classification;
    private final ThreadLocal<Decision> pending = new ThreadLocal<>();
    private final InputGuardrail input = new Input();
    private final OutputGuardrail output = new Output();

    private ClearanceGuardrails(
            PolicyEngine engine, PolicyRequest.Destination destination, Classification classification) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.destination = Objects.requireNonNull(destination, "destination");
        this.classification = Objects.requireNonNull(classification, "classification");
    }

    /** Guardrails deciding every user message of {@code classification} sent to {@code destination}. */
    public static ClearanceGuardrails forDestination(
            PolicyEngine engine, PolicyRequest.Destination destination, Classification classification) {
        return new ClearanceGuardrails(engine, destination, classification);
    }

    public InputGuardrail input() {
        return input;
    }

    public OutputGuardrail output() {
        return output;
    }

    private final class Input implements InputGuardrail {
        @Override
        public InputGuardrailResult validate(UserMessage message) {
            pending.remove();
            String text = message.hasSingleText() ? message.singleText() : null;
            if (text == null) {
                return fatal("Clearance: only text messages can be checked; blocked");
            }
            Decision d = engine.evaluate(PolicyRequest.builder()
                    .destination(destination)
                    .classification(classification)
                    .content(text)
                    .build());
            return switch (d.effect()) {
                case ALLOW -> success();
                case REDACT -> {
                    pending.set(d);
                    yield successWith(d.content());
                }
                // the message names the rules, never the content
                case DENY ->
                    fatal("Clearance denied sending this message (" + String.join(", ", d.ruleIds()) + ", decision "
                            + d.decisionId() + ")");
            };
        }
    }

    private final class Output implements OutputGuardrail {
        @Override
        public OutputGuardrailResult validate(AiMessage answer) {
            Decision d = pending.get();
            pending.remove();
            if (d == null || answer.text() == null) {
                return success();
            }
            return successWith(AiMessage.from(d.restore(answer.text())));
        }
    }
}
