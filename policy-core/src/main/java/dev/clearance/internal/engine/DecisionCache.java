package dev.clearance.internal.engine;

import dev.clearance.Classification;
import dev.clearance.Diagnostic;
import dev.clearance.Effect;
import dev.clearance.PolicyRequest;
import dev.clearance.Reason;
import dev.clearance.Tier;
import dev.clearance.pack.RuleFile;
import dev.clearance.pack.RulePack;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Memoizes decisions of a pure pack for requests without findings, keyed on every fact the pack's rules can
 * read. Internal.
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
            dev.clearance.Direction direction) {}

    /** A combined outcome, ready to become a decision. */
    record Entry(Effect effect, List<Reason> reasons, List<Diagnostic> diagnostics, Tier tier) {}

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final boolean readsUser;
    private final boolean readsPurpose;
    private final boolean readsLabels;
    private final boolean readsLength;

    private DecisionCache(int maxEntries, String source) {
        this.maxEntries = maxEntries;
        this.readsUser = source.contains("user");
        this.readsPurpose = source.contains("context") || source.contains("purpose");
        this.readsLabels = source.contains("label");
        this.readsLength = source.contains("contentlength") || source.contains("content_length");
    }

    /** A cache for {@code pack}, or null when the pack is not provably pure by the token test. */
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

    Key key(PolicyRequest r, Classification effective, String content) {
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
                r.direction());
    }

    Entry get(Key key) {
        return entries.get(key);
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
