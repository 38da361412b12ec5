package dev.clearance.examples;

import dev.clearance.Classification;
import dev.clearance.Decision;
import dev.clearance.PolicyEngine;
import dev.clearance.PolicyRequest;
import dev.clearance.rules.DefaultRulePack;

/**
 * A plain Java gate in front of an AI call: build the engine once, ask before every call, send only what the
 * decision permits. Its test drives {@link #gate}.
 */
public final class PlainJavaExample {
    private final PolicyEngine engine =
            PolicyEngine.builder().rulePack(DefaultRulePack.v1()).build();

    /** What would be sent to the model, or null when nothing may be sent. */
    public String gate(String product, Classification classification, String prompt) {
        Decision d = engine.evaluate(PolicyRequest.builder()
                .product(product)
                .classification(classification)
                .content(prompt)
                .build());
        return switch (d.effect()) {
            case ALLOW -> prompt;
            case REDACT -> d.content();
            case DENY -> null;
        };
    }

    public static void main(String[] args) {
        PlainJavaExample example = new PlainJavaExample();
        String prompt = "Summarize our sprint notes: the migration slipped two weeks.";
        for (String product : new String[] {"openai:chatgpt-free", "openai:chatgpt-enterprise", "local:ollama"}) {
            String sent = example.gate(product, Classification.INTERNAL, prompt);
            System.out.println(product + " -> " + (sent == null ? "blocked" : "sent: " + sent));
        }
    }
}
