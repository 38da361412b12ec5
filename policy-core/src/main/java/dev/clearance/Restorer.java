package dev.clearance;

import dev.clearance.internal.engine.PseudonymTable;
import java.util.Map;

/**
 * Maps placeholders back to the values they replaced: those of one decision, or (from
 * {@link Conversation#restorer()}) those of a whole conversation. Holds raw values: it is deliberately not a
 * record, has no accessor for its map, prints no values in {@link #toString()} and is never serialized.
 * Thread-safe. Restoring a conversation's placeholder counts as using it (it does not expire meanwhile).
 */
public final class Restorer {
    static final Restorer NONE = new Restorer(Map.of(), null);

    private final Map<String, String> originals;
    private final PseudonymTable table;
    private final int longest;

    private Restorer(Map<String, String> originals, PseudonymTable table) {
        this.originals = originals;
        this.table = table;
        int max = 0;
        for (String placeholder : originals.keySet()) {
            max = Math.max(max, placeholder.length());
        }
        this.longest = max;
    }

    /** A restorer over placeholder → original value; used by the engine. */
    public static Restorer of(Map<String, String> placeholderToOriginal) {
        return placeholderToOriginal.isEmpty() ? NONE : new Restorer(Map.copyOf(placeholderToOriginal), null);
    }

    /** A live view of a conversation's table. */
    static Restorer live(PseudonymTable table) {
        return new Restorer(Map.of(), table);
    }

    /** Number of placeholders this restorer knows. */
    public int size() {
        return table != null ? table.size() : originals.size();
    }

    /** Replaces every known placeholder in {@code text} with its original value. */
    public String restore(String text) {
        if (text == null || text.indexOf('[') < 0) {
            return text;
        }
        if (table == null && originals.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int step = restoreAt(text, i, text.length(), out);
            i += step;
        }
        return out.toString();
    }

    /** This restorer's mapping as it is now (a conversation's restorer is live). */
    Restorer frozen() {
        return table == null ? this : of(table.snapshot());
    }

    /** Length of the longest placeholder known; a placeholder is never longer. */
    int longestPlaceholder() {
        return table != null ? table.longestPlaceholder() : longest;
    }

    private String lookup(String placeholder) {
        return table != null ? table.original(placeholder) : originals.get(placeholder);
    }

    /**
     * Restores at {@code text[i]}, looking no further than {@code end}: appends the value of the placeholder that
     * starts at {@code i}, or the character there, and returns how many characters were consumed. The closing
     * bracket is searched within the longest placeholder's length only (a longer token is never a placeholder),
     * which keeps restore linear.
     */
    int restoreAt(String text, int i, int end, StringBuilder out) {
        char c = text.charAt(i);
        if (c == '[') {
            int limit = Math.min(end, i + longestPlaceholder());
            for (int k = i + 1; k < limit; k++) {
                if (text.charAt(k) == ']') {
                    String original = lookup(text.substring(i, k + 1));
                    if (original != null) {
                        out.append(original);
                        return k + 1 - i;
                    }
                    break;
                }
            }
        }
        out.append(c);
        return 1;
    }

    @Override
    public String toString() {
        return "Restorer[" + size() + " placeholders]";
    }
}
