package dev.clearance;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on one evaluation. Exceeding one never throws from {@link PolicyEngine#evaluate(PolicyRequest)}: the
 * decision is {@code DENY} with a reason {@code limit.<setting>} that names the setting.
 *
 * <table>
 * <caption>Settings and defaults</caption>
 * <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code maxContentChars}</td><td>{@value #DEFAULT_MAX_CONTENT_CHARS} (1 MiB)</td>
 *     <td>longest content scanned, in UTF-16 code units</td></tr>
 * <tr><td>{@code maxFindings}</td><td>{@value #DEFAULT_MAX_FINDINGS}</td>
 *     <td>most findings one content may produce</td></tr>
 * <tr><td>{@code maxRuleFirings}</td><td>{@value #DEFAULT_MAX_RULE_FIRINGS}</td>
 *     <td>most rule firings in one evaluation (stops runaway rules)</td></tr>
 * <tr><td>{@code timeBudget}</td><td>{@value #DEFAULT_TIME_BUDGET_MILLIS} ms</td>
 *     <td>wall-clock budget for scanning plus rules</td></tr>
 * <tr><td>{@code maxFieldChars}</td><td>{@value #DEFAULT_MAX_FIELD_CHARS}</td>
 *     <td>longest value of every string field other than the content: {@code id}, {@code user.id}, each of
 *     {@code user.groups}, {@code destination.product}, {@code destination.provider}, each of {@code data.labels},
 *     {@code purpose}; an over-long value is neither echoed in the decision nor written to the decision log</td></tr>
 * <tr><td>{@code maxListItems}</td><td>{@value #DEFAULT_MAX_LIST_ITEMS}</td>
 *     <td>most entries of {@code user.groups} and of {@code data.labels}</td></tr>
 * </table>
 */
public final class EvaluationLimits {
    public static final int DEFAULT_MAX_CONTENT_CHARS = 1 << 20;
    public static final int DEFAULT_MAX_FINDINGS = 10_000;
    public static final int DEFAULT_MAX_RULE_FIRINGS = 100_000;
    public static final long DEFAULT_TIME_BUDGET_MILLIS = 1_000;
    public static final int DEFAULT_MAX_FIELD_CHARS = 1_024;
    public static final int DEFAULT_MAX_LIST_ITEMS = 256;

    private static final EvaluationLimits DEFAULTS = builder().build();

    private final int maxContentChars;
    private final int maxFindings;
    private final int maxRuleFirings;
    private final Duration timeBudget;
    private final int maxFieldChars;
    private final int maxListItems;

    private EvaluationLimits(Builder b) {
        this.maxContentChars = b.maxContentChars;
        this.maxFindings = b.maxFindings;
        this.maxRuleFirings = b.maxRuleFirings;
        this.timeBudget = b.timeBudget;
        this.maxFieldChars = b.maxFieldChars;
        this.maxListItems = b.maxListItems;
    }

    public static EvaluationLimits defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these limits. */
    public Builder rebuild() {
        return new Builder()
                .maxContentChars(maxContentChars)
                .maxFindings(maxFindings)
                .maxRuleFirings(maxRuleFirings)
                .timeBudget(timeBudget)
                .maxFieldChars(maxFieldChars)
                .maxListItems(maxListItems);
    }

    public int maxContentChars() {
        return maxContentChars;
    }

    public int maxFindings() {
        return maxFindings;
    }

    public int maxRuleFirings() {
        return maxRuleFirings;
    }

    public Duration timeBudget() {
        return timeBudget;
    }

    /** Longest value of a string field other than the content, in UTF-16 code units. */
    public int maxFieldChars() {
        return maxFieldChars;
    }

    /** Most entries of a list field ({@code user.groups}, {@code data.labels}). */
    public int maxListItems() {
        return maxListItems;
    }

    @Override
    public String toString() {
        return "EvaluationLimits[maxContentChars=" + maxContentChars + ", maxFindings=" + maxFindings
                + ", maxRuleFirings=" + maxRuleFirings + ", timeBudget=" + timeBudget + ", maxFieldChars="
                + maxFieldChars
                + ", maxListItems=" + maxListItems + "]";
    }

    /** Builds {@link EvaluationLimits}; every value must be positive. */
    public static final class Builder {
        private int maxContentChars = DEFAULT_MAX_CONTENT_CHARS;
        private int maxFindings = DEFAULT_MAX_FINDINGS;
        private int maxRuleFirings = DEFAULT_MAX_RULE_FIRINGS;
        private Duration timeBudget = Duration.ofMillis(DEFAULT_TIME_BUDGET_MILLIS);
        private int maxFieldChars = DEFAULT_MAX_FIELD_CHARS;
        private int maxListItems = DEFAULT_MAX_LIST_ITEMS;

        private Builder() {}

        public Builder maxContentChars(int value) {
            this.maxContentChars = positive("maxContentChars", value);
            return this;
        }

        public Builder maxFindings(int value) {
            this.maxFindings = positive("maxFindings", value);
            return this;
        }

        public Builder maxRuleFirings(int value) {
            this.maxRuleFirings = positive("maxRuleFirings", value);
            return this;
        }

        public Builder maxFieldChars(int value) {
            this.maxFieldChars = positive("maxFieldChars", value);
            return this;
        }

        public Builder maxListItems(int value) {
            this.maxListItems = positive("maxListItems", value);
            return this;
        }

        public Builder timeBudget(Duration value) {
            Objects.requireNonNull(value, "timeBudget");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("timeBudget must be positive: " + value);
            }
            this.timeBudget = value;
            return this;
        }

        public EvaluationLimits build() {
            return new EvaluationLimits(this);
        }

        private static int positive(String name, int value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }
    }
}
