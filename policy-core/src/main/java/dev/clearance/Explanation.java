package dev.clearance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Why a decision came out as it did, and what would have changed it: every rule that acted (including those the
 * combination overrode), the facts the rules read, and counterfactuals. Made only on request, by
 * {@link PolicyEngine#explain(PolicyRequest)}; read it with {@link Decision#explain()}.
 *
 * <p>Never holds content or matched values: findings appear as types and counts, destinations as catalog ids.
 *
 * @param effect          the decision's effect
 * @param matches         every rule outcome, in firing order; {@link Match#decided()} marks the ones that decided
 * @param facts           what the rules read
 * @param counterfactuals single changes of the facts that give a more permissive effect, most permissive first
 */
public record Explanation(Effect effect, List<Match> matches, Facts facts, List<Counterfactual> counterfactuals) {

    public Explanation {
        Objects.requireNonNull(effect, "effect");
        matches = List.copyOf(matches);
        Objects.requireNonNull(facts, "facts");
        counterfactuals = List.copyOf(counterfactuals);
    }

    /**
     * One rule that acted on the verdict.
     *
     * @param ruleId      the rule's name
     * @param effect      what it asked for; null for a note (which decides nothing)
     * @param decided     true when it is among the decision's reasons; false when a stronger effect overrode it
     * @param findingType the type of the finding it acted on ({@code SECRET:<rule>} for a credential); null when none
     * @param message     the rule's message, as in the decision's reasons
     */
    public record Match(String ruleId, Effect effect, boolean decided, String findingType, String message) {
        public Match {
            Objects.requireNonNull(ruleId, "ruleId");
            message = message == null ? "" : message;
        }
    }

    /**
     * The facts the rules read. No content, no matched values.
     *
     * @param classification         the effective classification (custom terms may have raised the declared one)
     * @param declaredClassification what the caller declared
     * @param product                catalog id of the destination; null for an uncatalogued one
     * @param provider               the destination's provider
     * @param tier                   the destination's tier
     * @param catalogued             whether the catalog knows the destination
     * @param trainsOnData           whether data sent there is trained on, in this account state
     * @param trainingOptOut         the account's opt-out as given; null when unknown
     * @param zeroDataRetention      whether the account has zero data retention
     * @param direction              to the model or back from it
     * @param findings               finding type ({@code SECRET:<rule>} for a credential) to count, in first-seen order
     */
    public record Facts(
            Classification classification,
            Classification declaredClassification,
            String product,
            String provider,
            Tier tier,
            boolean catalogued,
            boolean trainsOnData,
            Boolean trainingOptOut,
            boolean zeroDataRetention,
            Direction direction,
            Map<String, Integer> findings) {
        public Facts {
            findings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(findings));
        }
    }

    /** The kind of change a counterfactual makes. */
    public enum Change {
        /** Send to another catalog product ({@link Counterfactual#target()} is its id). */
        DESTINATION,
        /** The account opts out of training. */
        TRAINING_OPT_OUT,
        /** The account has zero data retention. */
        ZERO_DATA_RETENTION,
        /** Remove every finding of one type ({@link Counterfactual#target()}), or all findings (target null). */
        REMOVE_FINDINGS
    }

    /** A {@code [start, end)} span of the content, in UTF-16 code units. */
    public record Span(int start, int end) {
        public Span {
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("invalid span [" + start + ", " + end + ")");
            }
        }
    }

    /**
     * One change of the facts and the effect it gives.
     *
     * @param change      the kind of change
     * @param target      the product id or finding type; null for "all findings" and for account changes
     * @param effect      the effect the changed request gets
     * @param description e.g. {@code DENY → ALLOW if the destination were openai:chatgpt-enterprise}
     * @param hint        what to do, from the catalog where it knows (the product's opt-out path)
     * @param spans       for {@link Change#REMOVE_FINDINGS}: the spans removed; empty otherwise
     */
    public record Counterfactual(
            Change change, String target, Effect effect, String description, String hint, List<Span> spans) {
        public Counterfactual {
            Objects.requireNonNull(change, "change");
            Objects.requireNonNull(effect, "effect");
            Objects.requireNonNull(description, "description");
            hint = hint == null ? "" : hint;
            spans = List.copyOf(spans);
        }

        /**
         * {@code request} with this change made: another destination, the account state set, or the findings'
         * spans blanked out of the content (each replaced by one space).
         */
        public PolicyRequest applyTo(PolicyRequest request) {
            Objects.requireNonNull(request, "request");
            PolicyRequest.Destination d = request.destination();
            return switch (change) {
                case DESTINATION ->
                    new PolicyRequest(
                            request.id(),
                            request.user(),
                            PolicyRequest.Destination.product(target),
                            request.data(),
                            request.purpose(),
                            request.direction());
                case TRAINING_OPT_OUT -> withDestination(request, d.withTrainingOptOut(true));
                case ZERO_DATA_RETENTION -> withDestination(request, d.withZeroDataRetention(true));
                case REMOVE_FINDINGS -> request.withContent(blank(request.data().content(), spans));
            };
        }

        private static PolicyRequest withDestination(PolicyRequest r, PolicyRequest.Destination d) {
            return new PolicyRequest(r.id(), r.user(), d, r.data(), r.purpose(), r.direction());
        }

        private static String blank(String content, List<Span> spans) {
            if (content == null || spans.isEmpty()) {
                return content;
            }
            List<Span> sorted = new ArrayList<>(spans);
            sorted.sort(Comparator.comparingInt(Span::start));
            StringBuilder out = new StringBuilder(content.length());
            int at = 0;
            for (Span s : sorted) {
                int start = Math.max(at, Math.min(s.start(), content.length()));
                int end = Math.max(start, Math.min(s.end(), content.length()));
                out.append(content, at, start);
                if (end > start) {
                    out.append(' ');
                }
                at = end;
            }
            return out.append(content, at, content.length()).toString();
        }

        @Override
        public String toString() {
            return description + (hint.isEmpty() ? "" : " (" + hint + ")");
        }
    }

    /** How permissive an effect is for the sender: ALLOW 2, REDACT 1, DENY 0. */
    public static int permissiveness(Effect e) {
        return switch (e) {
            case ALLOW -> 2;
            case REDACT -> 1;
            case DENY -> 0;
        };
    }
}
