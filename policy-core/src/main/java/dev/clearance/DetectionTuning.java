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
 * <p>Applied after scanning, in this order: findings a path or label exclusion covers are dropped (for a request whose
 * {@link Scope} meets it); allow-listed findings are dropped; context words adjust the confidence
 * (clamped to [0, 1]); findings below the minimum confidence of any selector they match are dropped. Rules then see
 * the tuned confidence, e.g. {@code Finding(confidence >= 0.5)}. Allow-listed values are compared, never logged.
 * Immutable and thread-safe.
 */
public final class DetectionTuning {
    private static final DetectionTuning NONE =
            new DetectionTuning(List.of(), List.of(), List.of(), List.of(), List.of());
    /** Largest context window, in chars either side of a finding. */
    public static final int MAX_WINDOW = 500;

    private final List<Allow> allows;
    private final List<Context> contexts;
    private final List<Minimum> minimums;
    private final List<Exclude> excludes;
    private final List<String> requestAllow;
    /** The widest window of {@link #contexts}. */
    private final int maxWindow;

    private record Allow(String selector, String value, com.google.re2j.Pattern pattern) {}

    /** {@code absent}: the delta applies when none of the words is near (a finding with no context loses). */
    private record Context(
            String selector,
            List<String> words,
            List<String> lowerWords,
            long[] wordChars,
            double delta,
            int window,
            boolean absent) {
        Context(String selector, List<String> words, double delta, int window, boolean absent) {
            this(
                    selector,
                    words,
                    words.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList(),
                    delta,
                    window,
                    absent);
        }

        private Context(
                String selector, List<String> words, List<String> lower, double delta, int window, boolean absent) {
            this(selector, words, lower, lower.stream().mapToLong(Near::chars).toArray(), delta, window, absent);
        }
    }

    private record Minimum(String selector, double min) {}

    /** An exclusion: findings of {@code selectors} in a request whose path matches and which carries a label. */
    private record Exclude(
            List<String> globs, List<com.google.re2j.Pattern> paths, List<String> labels, List<String> selectors) {}

    /**
     * What a request says about its content, matched by the pack's exclusions: where the content comes from (a
     * file path, {@code /} separated; {@code \\} is read as {@code /}) and its labels. Caller-asserted: a pack
     * excludes on them only where it trusts its callers (see {@code docs/policy-authoring.md}).
     *
     * @param path   the content's path, e.g. {@code src/test/fixtures/users.json}; nullable
     * @param labels the request's labels ({@code data.labels})
     */
    public record Scope(String path, List<String> labels) {
        /** A request that says nothing about its content. */
        public static final Scope NONE = new Scope(null, List.of());

        public Scope {
            path = path == null || path.isBlank() ? null : normalizePath(path);
            labels = labels == null ? List.of() : List.copyOf(labels);
        }

        private static String normalizePath(String path) {
            String p = path.strip().replace('\\', '/');
            while (p.startsWith("./")) {
                p = p.substring(2);
            }
            return p;
        }
    }

    /**
     * One tuned finding, for {@code --explain}: the finding with its tuned confidence (or as scanned, when dropped),
     * the confidence the recognizer gave, what changed it, and whether it was kept.
     *
     * @param finding     the finding (tuned confidence)
     * @param detected    the confidence the recognizer reported
     * @param adjustments the context words that raised or lowered it, e.g. {@code +0.20 near "prod"}
     * @param outcome     {@code kept}, {@code allow-listed}, {@code excluded} (a path or label exclusion) or
     *     {@code below-minimum}
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

    private DetectionTuning(
            List<Allow> allows,
            List<Context> contexts,
            List<Minimum> minimums,
            List<Exclude> excludes,
            List<String> requestAllow) {
        this.allows = List.copyOf(allows);
        this.contexts = List.copyOf(contexts);
        this.minimums = List.copyOf(minimums);
        this.excludes = List.copyOf(excludes);
        this.requestAllow = List.copyOf(requestAllow);
        int widest = 0;
        for (Context c : contexts) {
            widest = Math.max(widest, c.window());
        }
        this.maxWindow = widest;
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
        return allows.isEmpty()
                && contexts.isEmpty()
                && minimums.isEmpty()
                && excludes.isEmpty()
                && requestAllow.isEmpty();
    }

    /** Whether this tuning has path or label exclusions (a request's {@link Scope} then matters). */
    public boolean hasExclusions() {
        return !excludes.isEmpty();
    }

    /** The selectors for which a request may bring its own allow-list entries ({@code requestAllow:}). */
    public List<String> requestAllow() {
        return requestAllow;
    }

    /**
     * This (a pack's) tuning with a request's entries added, after checking that the request only adds detection
     * or narrows it where the pack allows: a request may raise confidence with context words (positive
     * adjustments only), and may allow-list values or patterns only for a selector the pack lists in
     * {@code requestAllow} (or when it lists {@code *}). A request cannot lower confidence, set minimum
     * confidences, add exclusions or open selectors: such a request is refused, never partly applied.
     *
     * @throws InvalidRequestException naming the offending entry ({@code tuning.allow[0]}), never a value
     */
    public DetectionTuning withRequest(DetectionTuning request) {
        Objects.requireNonNull(request, "request");
        if (request.isEmpty()) {
            return this;
        }
        if (!request.minimums.isEmpty()) {
            throw new InvalidRequestException(
                    "tuning.minConfidence", "a request cannot set minimum confidences (only the pack can)");
        }
        if (!request.excludes.isEmpty()) {
            throw new InvalidRequestException("tuning.exclude", "a request cannot add exclusions (only the pack can)");
        }
        if (!request.requestAllow.isEmpty()) {
            throw new InvalidRequestException("tuning.requestAllow", "a request cannot open selectors");
        }
        for (int i = 0; i < request.contexts.size(); i++) {
            if (request.contexts.get(i).delta() < 0) {
                throw new InvalidRequestException(
                        "tuning.context[" + i + "]", "a request may only raise confidence (a positive adjustment)");
            }
        }
        for (int i = 0; i < request.allows.size(); i++) {
            String selector = request.allows.get(i).selector();
            if (!requestAllow.contains("*") && !requestAllow.contains(selector)) {
                throw new InvalidRequestException(
                        "tuning.allow[" + i + "]",
                        "the pack does not let requests allow-list this selector"
                                + " (pack.yaml tuning.requestAllow lists the selectors it opens)");
            }
        }
        List<Allow> a = new ArrayList<>(allows);
        a.addAll(request.allows);
        List<Context> c = new ArrayList<>(contexts);
        c.addAll(request.contexts);
        return new DetectionTuning(a, c, minimums, excludes, requestAllow);
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
        List<Exclude> x = new ArrayList<>(excludes);
        x.addAll(other.excludes);
        List<String> r = new ArrayList<>(requestAllow);
        r.addAll(other.requestAllow);
        return new DetectionTuning(a, c, m, x, r);
    }

    /**
     * The words of the entries that raise findings of one of {@code types} (selected by that type itself), by
     * type: what a pack adds to the gate words of the gated identifiers.
     */
    Map<String, List<String>> raisingWords(java.util.Collection<String> types) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        for (Context c : contexts) {
            if (!c.absent() && c.delta() > 0 && types.contains(c.selector())) {
                out.computeIfAbsent(c.selector(), k -> new ArrayList<>()).addAll(c.words());
            }
        }
        return out;
    }

    /** The findings that survive tuning, with tuned confidences, in the given order. */
    public List<Finding> apply(String text, List<Finding> findings) {
        return apply(text, findings, Scope.NONE);
    }

    /** The findings that survive tuning for a request of {@code scope} (its path and labels meet exclusions). */
    public List<Finding> apply(String text, List<Finding> findings, Scope scope) {
        if (isEmpty() || findings.isEmpty()) {
            return findings;
        }
        List<Finding> out = new ArrayList<>(findings.size());
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(scope, "scope");
        List<Exclude> excluding = excluding(scope);
        for (Finding f : findings) {
            Explanation e = explainOne(text, f, excluding, null);
            if (e.kept()) {
                out.add(e.finding());
            }
        }
        return out;
    }

    /** Every finding with what tuning did to it (dropped ones included). */
    public List<Explanation> explain(String text, List<Finding> findings) {
        return explain(text, findings, Scope.NONE);
    }

    /** Every finding with what tuning did to it, for a request of {@code scope}. */
    public List<Explanation> explain(String text, List<Finding> findings, Scope scope) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(scope, "scope");
        List<Exclude> excluding = excluding(scope);
        List<Explanation> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            out.add(explainOne(text, f, excluding, new ArrayList<>()));
        }
        return out;
    }

    /** The exclusions whose paths and labels {@code scope} meets (an entry without paths or labels never does). */
    private List<Exclude> excluding(Scope scope) {
        if (excludes.isEmpty() || (scope.path() == null && scope.labels().isEmpty())) {
            return List.of();
        }
        List<Exclude> out = new ArrayList<>(excludes.size());
        for (Exclude x : excludes) {
            boolean pathMet = x.paths().isEmpty()
                    || scope.path() != null
                            && x.paths().stream()
                                    .anyMatch(p -> p.matcher(scope.path()).matches());
            boolean labelMet = x.labels().isEmpty() || x.labels().stream().anyMatch(scope.labels()::contains);
            if (pathMet && labelMet) {
                out.add(x);
            }
        }
        return out;
    }

    /** {@code adjustments}: where to describe what context words did, null when only the outcome is wanted. */
    private Explanation explainOne(String text, Finding f, List<Exclude> excluding, List<String> adjustments) {
        if (f.end() > text.length()) {
            return new Explanation(f, f.confidence(), List.of(), "kept");
        }
        for (Exclude x : excluding) {
            if (x.selectors().stream().anyMatch(s -> matches(s, f))) {
                return new Explanation(f, f.confidence(), List.of(), "excluded");
            }
        }
        for (Allow a : allows) {
            if (matches(a.selector(), f) && allowed(a, text, f)) {
                return new Explanation(f, f.confidence(), List.of(), "allow-listed");
            }
        }
        double confidence = f.confidence();
        Near near = null;
        for (Context c : contexts) {
            if (!matches(c.selector(), f)) {
                continue;
            }
            if (near == null) {
                near = new Near(text, f, maxWindow);
            }
            String word = near.word(c);
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

    /**
     * The context words near one finding, for every context entry that selects it: each side of the widest window
     * is lower-cased once (not once per entry and side), and an entry with the same words and window as the one
     * before (the raising and the lowering entry of one word list) reuses its answer. Where lower-casing a side
     * changes its length or could depend on what surrounds the window (a capital sigma), each entry reads its own
     * sides as {@link #nearWord} does.
     */
    private static final class Near {
        private final String text;
        private final Finding f;
        private final int before;
        private final int after;
        private final String lowerBefore;
        private final String lowerAfter;
        private final boolean shared;
        private final long charsBefore;
        private final long charsAfter;
        private List<String> lastWords;
        private int lastWindow;
        private String lastWord;

        Near(String text, Finding f, int window) {
            this.text = text;
            this.f = f;
            this.before = Math.max(0, f.start() - window);
            this.after = Math.min(text.length(), f.end() + window);
            this.lowerBefore = text.substring(before, f.start()).toLowerCase(Locale.ROOT);
            this.lowerAfter = text.substring(f.end(), after).toLowerCase(Locale.ROOT);
            this.shared = lowerBefore.length() == f.start() - before
                    && lowerAfter.length() == after - f.end()
                    && noSigma(lowerBefore)
                    && noSigma(lowerAfter);
            this.charsBefore = chars(lowerBefore);
            this.charsAfter = chars(lowerAfter);
        }

        /**
         * The chars of {@code s} as a set of 64 bits (an ASCII char to its bit modulo 63, every other char to bit
         * 63): a word whose set is not within a side's cannot occur in it.
         */
        static long chars(String s) {
            long set = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                set |= 1L << (c & 63);
            }
            return set;
        }

        /**
         * Whether {@code lower} holds no small sigma (what a capital one folds to, by what follows it): a Latin-1
         * string answers without a look at its chars.
         */
        private static boolean noSigma(String lower) {
            return lower.indexOf('\u03C3') < 0 && lower.indexOf('\u03C2') < 0;
        }

        /** {@link #nearWord}{@code (text, f, c)}. */
        String word(Context c) {
            if (c.words() == lastWords && c.window() == lastWindow) {
                return lastWord;
            }
            String word = shared ? sharedWord(c) : nearWord(text, f, c);
            lastWords = c.words();
            lastWindow = c.window();
            lastWord = word;
            return word;
        }

        private String sharedWord(Context c) {
            int from = Math.max(0, f.start() - c.window());
            int to = Math.min(text.length(), f.end() + c.window());
            for (int k = 0; k < c.words().size(); k++) {
                String w = c.lowerWords().get(k);
                long need = c.wordChars()[k];
                if ((need & ~charsBefore) == 0 && has(lowerBefore, before, from, f.start(), w)
                        || (need & ~charsAfter) == 0 && has(lowerAfter, f.end(), f.end(), to, w)) {
                    return c.words().get(k);
                }
            }
            return null;
        }

        /**
         * {@link Side#has} of the side {@code [from, to)}, read from {@code lower}, the lower-cased chars of
         * {@code [at, ...)} (same length) that hold it.
         */
        private boolean has(String lower, int at, int from, int to, String word) {
            int n = word.length();
            int lo = from - at;
            int hi = to - at;
            for (int i = lower.indexOf(word, lo); i >= 0 && i + n <= hi; i = lower.indexOf(word, i + 1)) {
                boolean left = i > lo
                        ? !Character.isLetterOrDigit(lower.charAt(i - 1))
                        : from == 0 || !Character.isLetterOrDigit(text.charAt(from - 1));
                boolean right = i + n < hi
                        ? !Character.isLetterOrDigit(lower.charAt(i + n))
                        : to >= text.length() || !Character.isLetterOrDigit(text.charAt(to));
                if (left && right) {
                    return true;
                }
            }
            return false;
        }
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
        private final List<Exclude> excludes = new ArrayList<>();
        private final List<String> requestAllow = new ArrayList<>();

        private Builder() {}

        /**
         * Drops findings of {@code selectors} (none: every finding) from requests whose path matches one of
         * {@code paths} (globs: {@code *} and {@code ?} within a path segment, {@code **} across segments,
         * {@code **}{@code /} also none) and which carry one of {@code labels}. An empty list is not a condition,
         * but at least one of the two must be given.
         */
        public Builder exclude(List<String> paths, List<String> labels, List<String> selectors) {
            List<String> p = paths == null ? List.of() : List.copyOf(paths);
            List<String> l = labels == null ? List.of() : List.copyOf(labels);
            List<String> s = selectors == null || selectors.isEmpty() ? List.of("*") : List.copyOf(selectors);
            if (p.isEmpty() && l.isEmpty()) {
                throw new IllegalArgumentException("an exclusion needs 'paths' or 'labels'");
            }
            if (p.stream().anyMatch(g -> g.isBlank()) || l.stream().anyMatch(g -> g.isBlank())) {
                throw new IllegalArgumentException("exclusion paths and labels must not be blank");
            }
            List<com.google.re2j.Pattern> compiled = new ArrayList<>(p.size());
            for (String glob : p) {
                compiled.add(com.google.re2j.Pattern.compile(globRegex(glob)));
            }
            excludes.add(new Exclude(
                    p, compiled, l, s.stream().map(Builder::selector).toList()));
            return this;
        }

        /**
         * Lets a request bring allow-list entries for {@code selector} ({@code *}: for every selector); without it
         * a request's allow-list entries are refused (see {@link DetectionTuning#withRequest}).
         */
        public Builder requestAllow(String selector) {
            requestAllow.add(selector(selector));
            return this;
        }

        /** A path glob as an RE2 pattern over {@code /}-separated paths. */
        static String globRegex(String glob) {
            String g = glob.strip().replace('\\', '/');
            while (g.startsWith("./")) {
                g = g.substring(2);
            }
            StringBuilder b = new StringBuilder();
            int i = 0;
            while (i < g.length()) {
                char c = g.charAt(i);
                if (g.startsWith("**/", i)) {
                    b.append("(?:.*/)?");
                    i += 3;
                } else if (g.startsWith("/**", i) && i + 3 == g.length()) {
                    b.append("(?:/.*)?");
                    i += 3;
                } else if (g.startsWith("**", i)) {
                    b.append(".*");
                    i += 2;
                } else if (c == '*') {
                    b.append("[^/]*");
                    i++;
                } else if (c == '?') {
                    b.append("[^/]");
                    i++;
                } else {
                    b.append(com.google.re2j.Pattern.quote(String.valueOf(c)));
                    i++;
                }
            }
            return b.toString();
        }

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
            return new DetectionTuning(allows, contexts, minimums, excludes, requestAllow);
        }
    }
}
