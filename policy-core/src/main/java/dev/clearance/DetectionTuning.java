package dev.clearance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How an organization tunes detection, per pack (the {@code tuning:} section of {@code pack.yaml}) or in code: an
 * allow-list of exact values and RE2 patterns, context words that raise or lower a finding's confidence when they
 * occur near it, and a minimum confidence. Every entry applies to a <em>selector</em>: {@code *} (every finding), a
 * finding type ({@code SECRET}, {@code EMAIL_ADDRESS}), a category ({@code PII}) or a rule id
 * ({@code password-assignment}). The mechanism knows nothing about languages or types: word lists are data.
 *
 * <p>Applied after scanning, in this order: allow-listed findings are dropped; context words adjust the confidence
 * (clamped to [0, 1]); findings below the minimum confidence of any selector they match are dropped. Rules then see
 * the tuned confidence, e.g. {@code Finding(confidence >= 0.5)}. Allow-listed values are compared, never logged.
 * Immutable and thread-safe.
 */
public final class DetectionTuning {
    private static final DetectionTuning NONE = new DetectionTuning(List.of(), List.of(), List.of());
    /** Largest context window, in chars either side of a finding. */
    public static final int MAX_WINDOW = 500;

    private final List<Allow> allows;
    private final List<Context> contexts;
    private final List<Minimum> minimums;

    private record Allow(String selector, String value, com.google.re2j.Pattern pattern) {}

    /** {@code absent}: the delta applies when none of the words is near (a finding with no context loses). */
    private record Context(
            String selector, List<String> words, List<String> lowerWords, double delta, int window, boolean absent) {
        Context(String selector, List<String> words, double delta, int window, boolean absent) {
            this(
                    selector,
                    words,
                    words.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList(),
                    delta,
                    window,
                    absent);
        }
    }

    private record Minimum(String selector, double min) {}

    /**
     * One tuned finding, for {@code --explain}: the finding with its tuned confidence (or as scanned, when dropped),
     * the confidence the recognizer gave, what changed it, and whether it was kept.
     *
     * @param finding     the finding (tuned confidence)
     * @param detected    the confidence the recognizer reported
     * @param adjustments the context words that raised or lowered it, e.g. {@code +0.20 near "prod"}
     * @param outcome     {@code kept}, {@code allow-listed} or {@code below-minimum}
     */
    public record Explanation(Finding finding, double detected, List<String> adjustments, String outcome) {
        public Explanation {
            Objects.requireNonNull(finding, "finding");
            adjustments = List.copyOf(adjustments);
            Objects.requireNonNull(outcome, "outcome");
        }

        /** Whether the finding survives tuning. */
        public boolean kept() {
            return outcome.equals("kept");
        }
    }

    private DetectionTuning(List<Allow> allows, List<Context> contexts, List<Minimum> minimums) {
        this.allows = List.copyOf(allows);
        this.contexts = List.copyOf(contexts);
        this.minimums = List.copyOf(minimums);
    }

    /** No tuning: findings as the recognizers report them. */
    public static DetectionTuning none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether this tuning changes nothing. */
    public boolean isEmpty() {
        return allows.isEmpty() && contexts.isEmpty() && minimums.isEmpty();
    }

    /** This tuning followed by {@code other}'s entries (e.g. a pack's tuning, then a request's). */
    public DetectionTuning and(DetectionTuning other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        List<Allow> a = new ArrayList<>(allows);
        a.addAll(other.allows);
        List<Context> c = new ArrayList<>(contexts);
        c.addAll(other.contexts);
        List<Minimum> m = new ArrayList<>(minimums);
        m.addAll(other.minimums);
        return new DetectionTuning(a, c, m);
    }

    /** The findings that survive tuning, with tuned confidences, in the given order. */
    public List<Finding> apply(String text, List<Finding> findings) {
        if (isEmpty() || findings.isEmpty()) {
            return findings;
        }
        List<Finding> out = new ArrayList<>(findings.size());
        Objects.requireNonNull(text, "text");
        for (Finding f : findings) {
            Explanation e = explainOne(text, f, null);
            if (e.kept()) {
                out.add(e.finding());
            }
        }
        return out;
    }

    /** Every finding with what tuning did to it (dropped ones included). */
    public List<Explanation> explain(String text, List<Finding> findings) {
        Objects.requireNonNull(text, "text");
        List<Explanation> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            out.add(explainOne(text, f, new ArrayList<>()));
        }
        return out;
    }

    /** {@code adjustments}: where to describe what context words did, null when only the outcome is wanted. */
    private Explanation explainOne(String text, Finding f, List<String> adjustments) {
        if (f.end() > text.length()) {
            return new Explanation(f, f.confidence(), List.of(), "kept");
        }
        for (Allow a : allows) {
            if (matches(a.selector(), f) && allowed(a, text, f)) {
                return new Explanation(f, f.confidence(), List.of(), "allow-listed");
            }
        }
        double confidence = f.confidence();
        for (Context c : contexts) {
            if (!matches(c.selector(), f)) {
                continue;
            }
            String word = nearWord(text, f, c);
            if (word != null && !c.absent()) {
                confidence = Math.max(0, Math.min(1, confidence + c.delta()));
                if (adjustments != null) {
                    adjustments.add(String.format(Locale.ROOT, "%+.2f near \"%s\"", c.delta(), word));
                }
            } else if (word == null && c.absent()) {
                confidence = Math.max(0, Math.min(1, confidence + c.delta()));
                if (adjustments != null) {
                    adjustments.add(String.format(Locale.ROOT, "%+.2f with no context word near", c.delta()));
                }
            }
        }
        Finding tuned = confidence == f.confidence()
                ? f
                : new Finding(
                        f.type(),
                        f.category(),
                        f.rule(),
                        f.start(),
                        f.end(),
                        confidence,
                        f.highRisk(),
                        f.classification(),
                        f.redact());
        for (Minimum m : minimums) {
            if (matches(m.selector(), f) && confidence < m.min()) {
                return new Explanation(tuned, f.confidence(), orNone(adjustments), "below-minimum");
            }
        }
        return new Explanation(tuned, f.confidence(), orNone(adjustments), "kept");
    }

    private static List<String> orNone(List<String> adjustments) {
        return adjustments == null ? List.of() : adjustments;
    }

    private static boolean matches(String selector, Finding f) {
        return selector.equals("*")
                || selector.equals(f.type())
                || selector.equals(f.rule())
                || selector.equals(f.category().name());
    }

    private static boolean allowed(Allow a, String text, Finding f) {
        int length = f.end() - f.start();
        if (a.value() != null) {
            return a.value().length() == length && text.regionMatches(f.start(), a.value(), 0, length);
        }
        return a.pattern().matcher(text.subSequence(f.start(), f.end())).matches();
    }

    /** The first of the context's words that occurs as a whole word within its window around {@code f}, or null. */
    private static String nearWord(String text, Finding f, Context c) {
        int from = Math.max(0, f.start() - c.window());
        int to = Math.min(text.length(), f.end() + c.window());
        // each side lower-cased once, then every word found with indexOf (entries hold their words lower-cased)
        Side before = new Side(text, from, f.start());
        Side after = new Side(text, f.end(), to);
        for (int k = 0; k < c.words().size(); k++) {
            String w = c.lowerWords().get(k);
            if (before.has(w) || after.has(w)) {
                return c.words().get(k);
            }
        }
        return null;
    }

    /**
     * One side of a finding's window, lower-cased. A word counts when no letter or digit touches it; at the edges of
     * the window the chars of the text beyond are looked at (when lower-casing kept the length, as it does but for a
     * few letters, else the edge counts as a boundary).
     */
    private static final class Side {
        private final String text;
        private final int from;
        private final int to;
        private final String lower;
        private final boolean sameLength;

        Side(String text, int from, int to) {
            this.text = text;
            this.from = from;
            this.to = to;
            this.lower = from < to ? text.substring(from, to).toLowerCase(Locale.ROOT) : "";
            this.sameLength = lower.length() == to - from;
        }

        boolean has(String word) {
            int n = word.length();
            for (int i = lower.indexOf(word); i >= 0; i = lower.indexOf(word, i + 1)) {
                boolean left = i > 0
                        ? !Character.isLetterOrDigit(lower.charAt(i - 1))
                        : !sameLength || from == 0 || !Character.isLetterOrDigit(text.charAt(from - 1));
                boolean right = i + n < lower.length()
                        ? !Character.isLetterOrDigit(lower.charAt(i + n))
                        : !sameLength || to >= text.length() || !Character.isLetterOrDigit(text.charAt(to));
                if (left && right) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Builds a {@link DetectionTuning}; every method validates its arguments (messages never hold a value). */
    public static final class Builder {
        private final List<Allow> allows = new ArrayList<>();
        private final List<Context> contexts = new ArrayList<>();
        private final List<Minimum> minimums = new ArrayList<>();

        private Builder() {}

        /** Drops findings of {@code selector} whose matched text equals {@code value} exactly. */
        public Builder allowValue(String selector, String value) {
            Objects.requireNonNull(value, "value");
            if (value.isEmpty()) {
                throw new IllegalArgumentException("an allow-listed value must not be empty");
            }
            allows.add(new Allow(selector(selector), value, null));
            return this;
        }

        /** Drops findings of {@code selector} whose whole matched text matches the RE2 pattern {@code regex}. */
        public Builder allowPattern(String selector, String regex) {
            Objects.requireNonNull(regex, "regex");
            com.google.re2j.Pattern p;
            try {
                p = com.google.re2j.Pattern.compile(regex);
            } catch (com.google.re2j.PatternSyntaxException e) {
                throw new IllegalArgumentException("not a valid RE2 pattern", null);
            }
            allows.add(new Allow(selector(selector), null, p));
            return this;
        }

        /**
         * When one of {@code words} (case-insensitive, whole words) occurs within {@code window} chars of a finding
         * of {@code selector}, adds {@code delta} (negative to lower) to its confidence.
         */
        public Builder contextWords(String selector, List<String> words, double delta, int window) {
            if (words == null || words.isEmpty() || words.stream().anyMatch(w -> w == null || w.isBlank())) {
                throw new IllegalArgumentException("context words must be a non-empty list of non-blank words");
            }
            if (!(delta >= -1 && delta <= 1) || delta == 0) {
                throw new IllegalArgumentException("a context adjustment must be within [-1, 1] and not 0");
            }
            if (window < 1 || window > MAX_WINDOW) {
                throw new IllegalArgumentException("a context window must be within [1, " + MAX_WINDOW + "]");
            }
            contexts.add(new Context(selector(selector), List.copyOf(words), delta, window, false));
            return this;
        }

        /**
         * When none of {@code words} (case-insensitive, whole words) occurs within {@code window} chars of a finding
         * of {@code selector}, adds {@code delta} (usually negative: a number with nothing naming it loses
         * confidence).
         */
        public Builder withoutContextWords(String selector, List<String> words, double delta, int window) {
            contextWords(selector, words, delta, window);
            Context c = contexts.remove(contexts.size() - 1);
            contexts.add(new Context(c.selector(), c.words(), c.delta(), c.window(), true));
            return this;
        }

        /** Drops findings of {@code selector} whose (tuned) confidence is below {@code min}. */
        public Builder minConfidence(String selector, double min) {
            if (!(min >= 0 && min <= 1)) {
                throw new IllegalArgumentException("a minimum confidence must be within [0, 1]");
            }
            minimums.add(new Minimum(selector(selector), min));
            return this;
        }

        /** Minimum confidences by selector, as {@code pack.yaml} writes them. */
        public Builder minConfidence(Map<String, Double> bySelector) {
            bySelector.forEach((s, m) -> minConfidence(s, m == null ? -1 : m));
            return this;
        }

        private static String selector(String selector) {
            Objects.requireNonNull(selector, "selector");
            if (selector.isBlank()) {
                throw new IllegalArgumentException("a selector must be '*', a finding type, a category or a rule id");
            }
            return selector.strip();
        }

        public DetectionTuning build() {
            return new DetectionTuning(allows, contexts, minimums);
        }
    }
}
