package dev.clearance.internal.engine;

import dev.clearance.Classification;
import dev.clearance.Diagnostic;
import dev.clearance.Effect;
import dev.clearance.Finding;
import dev.clearance.PolicyRequest;
import dev.clearance.Reason;
import dev.clearance.Tier;
import dev.clearance.pack.RuleFile;
import dev.clearance.pack.RulePack;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Memoizes decisions of a pure pack, keyed on every fact the pack's rules can read. Internal.
 *
 * <p>Findings are part of the key by everything rules can see of them but their spans (type, category, detector
 * rule, confidence, risk, classification, redaction flag), in scan order; a decision with findings is cached only
 * when no rule can read a span ({@code start}, {@code end}, {@code length}, {@code overlaps}) or the whole
 * object, so equal keys fire the same rules on the same findings. The entry remembers which findings the rules
 * redacted, by index, and the redaction itself is redone on the request's own text.
 *
 * <p>A pack is taken as pure when no rule file contains a token that could make a decision depend on anything
 * but the facts (working-memory changes, clocks, randomness, functions, other globals, {@code eval}, {@code from}).
 * The key leaves out facts the pack never names (user, purpose, labels, content length) so that more requests
 * share an entry. The cache is bounded: when full it is cleared.
 */
final class DecisionCache {
    private static final List<String> IMPURE = List.of(
            "insert",
            "modify",
            "update",
            "delete",
            "retract",
            "system.",
            "random",
            "date",
            "time",
            "clock",
            "instant",
            "timer",
            "function",
            "eval",
            "from",
            "collect",
            "accumulate",
            "entry-point",
            "@expires",
            "thread",
            "static");

    /** Everything rules can see of a finding-free request, minus what the pack never reads. */
    record Key(
            Classification declared,
            Classification effective,
            boolean hasContent,
            int contentLength,
            List<String> labels,
            String product,
            String provider,
            Tier tier,
            Boolean optOut,
            Boolean zdr,
            String userId,
            List<String> groups,
            String purpose,
            dev.clearance.Direction direction,
            FindingKeys findings) {}

    /** The findings part of a key, in scan order, with its hash computed once. */
    static final class FindingKeys {
        static final FindingKeys NONE = new FindingKeys(List.of());

        private final List<FindingKey> keys;
        private final int hash;

        FindingKeys(List<FindingKey> keys) {
            this.keys = keys;
            this.hash = keys.hashCode();
        }

        static FindingKeys of(List<Finding> findings) {
            FindingKey[] k = new FindingKey[findings.size()];
            for (int i = 0; i < k.length; i++) {
                k[i] = FindingKey.of(findings.get(i));
            }
            return new FindingKeys(List.of(k));
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof FindingKeys f && f.hash == hash && f.keys.equals(keys);
        }
    }

    /** A findings list and its key part ({@link #key}'s memo of immutable lists). */
    private record Memo(List<Finding> findings, FindingKeys keys) {}

    /** What rules can read of a finding, without its span. */
    record FindingKey(
            String type,
            dev.clearance.FindingCategory category,
            String rule,
            double confidence,
            boolean highRisk,
            Classification classification,
            boolean redact) {
        static FindingKey of(Finding f) {
            return new FindingKey(
                    f.type(), f.category(), f.rule(), f.confidence(), f.highRisk(), f.classification(), f.redact());
        }
    }

    /**
     * A combined outcome, ready to become a decision; {@code redacted} are indexes into the request's findings,
     * in the order the rules redacted them.
     */
    record Entry(Effect effect, List<Reason> reasons, List<Diagnostic> diagnostics, Tier tier, int[] redacted) {
        Entry(Effect effect, List<Reason> reasons, List<Diagnostic> diagnostics, Tier tier) {
            this(effect, reasons, diagnostics, tier, new int[0]);
        }

        /** The findings the rules redacted, from the request's own findings. */
        List<Finding> redacted(List<Finding> findings) {
            List<Finding> out = new ArrayList<>(redacted.length);
            for (int i : redacted) {
                out.add(findings.get(i));
            }
            return out;
        }
    }

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    /**
     * Key parts of immutable findings lists seen lately, by identity (the findings cache returns one list per text,
     * so a conversation's history is keyed without touching its findings again). Direct-mapped; a slot is read
     * and written whole, and {@link Memo} is immutable, so threads may race on it.
     */
    private final Memo[] memo = new Memo[MEMO_SLOTS];

    private static final int MEMO_SLOTS = 256;
    private final int maxEntries;
    private final boolean readsUser;
    private final boolean readsPurpose;
    private final boolean readsLabels;
    private final boolean readsLength;
    private final boolean keysFindings;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    private DecisionCache(int maxEntries, String source) {
        this.maxEntries = maxEntries;
        this.readsUser = source.contains("user");
        this.readsPurpose = source.contains("context") || source.contains("purpose");
        this.readsLabels = source.contains("label");
        this.readsLength = source.contains("contentlength") || source.contains("content_length");
        this.keysFindings = !readsSpans(source);
    }

    /**
     * Whether a rule could tell two findings apart by more than what {@link FindingKey} holds: a span field or
     * method, the object itself, or {@code end} anywhere but as the keyword closing a rule on its own line.
     */
    static boolean readsSpans(String source) {
        for (String word : List.of("start", "length", "overlaps", "tostring", "hashcode", "equals", "getend")) {
            if (containsWord(source, word)) {
                return true;
            }
        }
        int at = source.indexOf("end");
        while (at >= 0) {
            boolean before = at == 0 || !Character.isLetterOrDigit(source.charAt(at - 1));
            int stop = at + 3;
            boolean after = stop >= source.length() || !Character.isLetterOrDigit(source.charAt(stop));
            if (before && after && !aloneOnLine(source, at, stop)) {
                return true;
            }
            at = source.indexOf("end", at + 1);
        }
        return false;
    }

    private static boolean aloneOnLine(String s, int from, int to) {
        for (int i = from - 1; i >= 0 && s.charAt(i) != '\n'; i--) {
            if (!Character.isWhitespace(s.charAt(i))) {
                return false;
            }
        }
        for (int i = to; i < s.length() && s.charAt(i) != '\n'; i++) {
            if (!Character.isWhitespace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether decisions of requests with findings can be cached too. */
    boolean keysFindings() {
        return keysFindings;
    }

    /** A cache for {@code pack}, or null when the pack is not provably pure by the token test. */
    /**
     * Whether no rule of {@code pack} can tell two destinations apart by more than their facts (tier, catalogued,
     * training, retention, zero data retention, opt-out, human review): no rule file names {@code product} or
     * {@code provider} outside comments and string literals, nor the object itself, and the pack is pure. DSL
     * files are read too (a sentence can expand to a product test). Remediation probes one product per set of
     * facts then.
     */
    static boolean productBlind(RulePack pack) {
        if (forPack(pack, 1) == null) {
            return false;
        }
        StringBuilder all = new StringBuilder();
        for (RuleFile f : pack.files()) {
            all.append(stripComments(f.text()).replaceAll("\"(?:[^\"\\\\\n]|\\\\.)*\"", "\"\""))
                    .append('\n');
        }
        String source = all.toString().toLowerCase(Locale.ROOT);
        for (String word :
                List.of("product", "provider", "getproduct", "getprovider", "tostring", "hashcode", "equals", "this")) {
            if (containsWord(source, word)) {
                return false;
            }
        }
        return true;
    }

    static DecisionCache forPack(RulePack pack, int maxEntries) {
        StringBuilder all = new StringBuilder();
        for (RuleFile f : pack.files()) {
            if (f.kind() == RuleFile.Kind.DECISION_TABLE_XLSX) {
                return null;
            }
            all.append(stripComments(f.text())).append('\n');
        }
        String source = all.toString().toLowerCase(Locale.ROOT);
        String withoutVerdictGlobal = source.replace("global dev.clearance.facts.verdict verdict", "");
        if (withoutVerdictGlobal.contains("global ")) {
            return null;
        }
        for (String token : IMPURE) {
            if (containsWord(source, token)) {
                return null;
            }
        }
        return new DecisionCache(maxEntries, source);
    }

    /** The key of {@code r}, or null when it has findings and this pack's decisions on findings are not cached. */
    Key key(PolicyRequest r, Classification effective, String content, List<Finding> findings) {
        return key(r, effective, content, findings, false);
    }

    /**
     * {@link #key(PolicyRequest, Classification, String, List)}; {@code immutable}: {@code findings} never changes
     * (a findings cache entry), so its key part may be remembered by the list's identity.
     */
    Key key(PolicyRequest r, Classification effective, String content, List<Finding> findings, boolean immutable) {
        FindingKeys keys;
        if (findings.isEmpty()) {
            keys = FindingKeys.NONE;
        } else if (!keysFindings) {
            return null;
        } else if (immutable) {
            int slot = System.identityHashCode(findings) & (MEMO_SLOTS - 1);
            Memo m = memo[slot];
            if (m == null || m.findings != findings) {
                m = new Memo(findings, FindingKeys.of(findings));
                memo[slot] = m;
            }
            keys = m.keys;
        } else {
            keys = FindingKeys.of(findings);
        }
        PolicyRequest.Destination d = r.destination();
        return new Key(
                r.data().classification(),
                effective,
                content != null,
                readsLength && content != null ? content.length() : 0,
                readsLabels ? r.data().labels() : null,
                d.product(),
                d.provider(),
                d.tier(),
                d.trainingOptOut(),
                d.zeroDataRetention(),
                readsUser ? r.user().id() : null,
                readsUser ? r.user().groups() : null,
                readsPurpose ? r.purpose() : null,
                r.direction(),
                keys);
    }

    Entry get(Key key) {
        Entry e = entries.get(key);
        (e == null ? misses : hits).increment();
        return e;
    }

    long hits() {
        return hits.sum();
    }

    long misses() {
        return misses.sum();
    }

    void put(Key key, Entry entry) {
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(key, entry);
    }

    int size() {
        return entries.size();
    }

    private static boolean containsWord(String s, String word) {
        int at = s.indexOf(word);
        while (at >= 0) {
            boolean before = at == 0 || !Character.isLetterOrDigit(s.charAt(at - 1));
            int end = at + word.length();
            boolean after = end >= s.length() || !Character.isLetterOrDigit(s.charAt(end)) || word.endsWith(".");
            if (before && after) {
                return true;
            }
            at = s.indexOf(word, at + 1);
        }
        return false;
    }

    /** Drops // and /* *&#47; comments and the contents of string literals, which cannot change behaviour. */
    private static String stripComments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int close = text.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else if (c == '"') {
                out.append('"');
                i++;
                while (i < n && text.charAt(i) != '"') {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
                out.append('"');
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
