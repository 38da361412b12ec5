package dev.clearance;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What the sender of a denied request can do about it, from the provider catalog: the destination's training
 * opt-out, when opting out would turn the DENY into ALLOW or REDACT, and the catalog products that would take this
 * request instead. Each was found by deciding the changed request with the same pack, so it holds for the facts
 * the pack reads. Never contains request content.
 *
 * @param product      the catalog product the request went to; null when it is not in the catalog
 * @param optOut       the steps to opt the account out of training, as the catalog gives them (e.g.
 *                     {@code Settings › Data Controls › 'Improve the model for everyone' off}); null when opting out
 *                     would not change the decision or the product has no opt-out
 * @param alternatives catalog products that would take the request, most permissive first, the same provider's
 *                     before others'; empty when none would
 */
public record Remediation(String product, String optOut, List<Alternative> alternatives) {
    public Remediation {
        alternatives = List.copyOf(Objects.requireNonNull(alternatives, "alternatives"));
    }

    /**
     * A catalog product that would take the request.
     *
     * @param product the product id, e.g. {@code openai:api}
     * @param name    its name, e.g. {@code OpenAI API}
     * @param tier    its tier
     * @param effect  what the pack would decide there: ALLOW or REDACT
     */
    public record Alternative(String product, String name, Tier tier, Effect effect) {
        public Alternative {
            Objects.requireNonNull(product, "product");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(tier, "tier");
            Objects.requireNonNull(effect, "effect");
        }
    }

    /** Whether there is anything to suggest. */
    public boolean isEmpty() {
        return optOut == null && alternatives.isEmpty();
    }

    /**
     * One sentence for an employee-facing message, e.g. {@code Opt out of training (Settings › Data Controls ›
     * 'Improve the model for everyone' off), or use OpenAI API (openai:api) or ChatGPT Business
     * (openai:chatgpt-business) instead.}; "" when {@link #isEmpty()}.
     */
    public String hint() {
        if (isEmpty()) {
            return "";
        }
        String use = alternatives.stream()
                .map(a -> a.name() + " (" + a.product() + ")")
                .collect(Collectors.joining(" or "));
        if (optOut == null) {
            return "Use " + use + " instead.";
        }
        String opt = "Opt out of training (" + optOut + ")";
        return alternatives.isEmpty() ? opt + "." : opt + ", or use " + use + " instead.";
    }
}
