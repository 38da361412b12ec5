package dev.clearance.internal.engine;

import dev.clearance.Finding;
import dev.clearance.FindingCategory;
import dev.clearance.Redaction;
import dev.clearance.RedactionResult;
import dev.clearance.RedactionStyle;
import dev.clearance.Restorer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Replaces findings in content. Internal. */
public final class Redactor {
    private Redactor() {}

    /**
     * Replaces every finding's span. Overlapping or touching-inside spans merge into one, typed after the most
     * severe finding among them (secret, then high-risk PII, then PII, then custom). Spans never split a
     * surrogate pair.
     */
    public static RedactionResult apply(String content, List<Finding> findings, RedactionStyle style) {
        return apply(content, findings, style, null);
    }

    /**
     * As {@link #apply(String, List, RedactionStyle)}; with a {@code conversation} table (and a reversible style)
     * placeholders come from the table, so a value keeps its placeholder across turns, and the result's restorer
     * knows this request's placeholders only (the conversation's restorer knows them all).
     *
     * @throws PseudonymTable.FullException when the conversation cannot take another placeholder
     */
    public static RedactionResult apply(
            String content, List<Finding> findings, RedactionStyle style, PseudonymTable conversation) {
        return apply(content, findings, style, conversation, null);
    }

    /**
     * As {@link #apply(String, List, RedactionStyle, PseudonymTable)}, reusing the conversation's earlier
     * redaction of the same content made from the same {@code scanned} list (the whole findings of the content,
     * as the findings cache returns them) while its placeholders live: a history re-sent every turn is not
     * redacted again. {@code scanned} null: no reuse.
     */
    public static RedactionResult apply(
            String content,
            List<Finding> findings,
            RedactionStyle style,
            PseudonymTable conversation,
            List<Finding> scanned) {
        if (scanned == null || conversation == null || !style.reversible() || findings.isEmpty()) {
            return redact(content, findings, style, conversation);
        }
        RedactionResult r = conversation.redone(scanned, content, findings, style);
        if (r == null) {
            r = redact(content, findings, style, conversation);
            conversation.rememberRedone(scanned, content, findings, style, r);
        }
        return r;
    }

    private static RedactionResult redact(
            String content, List<Finding> findings, RedactionStyle style, PseudonymTable conversation) {
        if (findings.isEmpty()) {
            return new RedactionResult(content, List.of(), Restorer.of(Map.of()));
        }
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparingInt(Finding::start)
                .thenComparing(Comparator.comparingInt(Finding::end).reversed()));
        StringBuilder out = new StringBuilder(content.length());
        List<Redaction> redactions = new ArrayList<>();
        Map<String, String> valueToReplacement = new HashMap<>();
        Map<String, Integer> perType = new HashMap<>();
        Map<String, String> restore = new LinkedHashMap<>();
        TakenTokens taken = new TakenTokens(content);
        int written = 0;
        int i = 0;
        while (i < sorted.size()) {
            Finding lead = sorted.get(i);
            int start = lead.start();
            int end = lead.end();
            Finding top = lead;
            int j = i + 1;
            while (j < sorted.size() && sorted.get(j).start() < end) {
                Finding f = sorted.get(j);
                end = Math.max(end, f.end());
                if (rank(f) < rank(top)) {
                    top = f;
                }
                j++;
            }
            start = Math.max(start, written);
            end = Math.min(end, content.length());
            if (start > 0
                    && start < content.length()
                    && Character.isLowSurrogate(content.charAt(start))
                    && Character.isHighSurrogate(content.charAt(start - 1))
                    && start - 1 >= written) {
                start--;
            }
            if (end < content.length()
                    && end > 0
                    && Character.isLowSurrogate(content.charAt(end))
                    && Character.isHighSurrogate(content.charAt(end - 1))) {
                end++;
            }
            if (start < end) {
                String value = content.substring(start, end);
                String key = top.type() + '\u0000' + value;
                String replacement = valueToReplacement.get(key);
                if (replacement == null && conversation != null && style.reversible()) {
                    replacement = conversation.placeholderFor(top.type(), value, style, taken::contains);
                    valueToReplacement.put(key, replacement);
                    restore.put(replacement, value);
                } else if (replacement == null) {
                    do {
                        int n = perType.merge(top.type(), 1, Integer::sum);
                        replacement = style.replacement(top.type(), value, n);
                    } while (style.reversible() && taken.contains(replacement));
                    valueToReplacement.put(key, replacement);
                    if (style.reversible()) {
                        restore.put(replacement, value);
                    }
                }
                out.append(content, written, start).append(replacement);
                redactions.add(new Redaction(top.type(), top.rule(), start, end, replacement));
                written = end;
            }
            i = j;
        }
        out.append(content, written, content.length());
        return new RedactionResult(out.toString(), redactions, Restorer.of(restore));
    }

    /**
     * Bracketed tokens the content already holds ({@code [X_1]}), so that no placeholder is one of them and
     * restore cannot turn literal text into a value. Found in one pass, on first need.
     */
    private static final class TakenTokens {
        private final String content;
        private Set<String> tokens;

        TakenTokens(String content) {
            this.content = content;
        }

        boolean contains(String placeholder) {
            if (tokens == null) {
                tokens = new HashSet<>();
                for (int open = content.indexOf('['); open >= 0; open = content.indexOf('[', open + 1)) {
                    int limit = Math.min(content.length(), open + 128);
                    for (int k = open + 1; k < limit; k++) {
                        char c = content.charAt(k);
                        if (c == ']') {
                            tokens.add(content.substring(open, k + 1));
                            break;
                        }
                        if (c == '[') {
                            break;
                        }
                    }
                }
            }
            return tokens.contains(placeholder);
        }
    }

    private static int rank(Finding f) {
        if (f.category() == FindingCategory.SECRET) {
            return 0;
        }
        if (f.category() == FindingCategory.PII) {
            return f.highRisk() ? 1 : 2;
        }
        return 3;
    }
}
