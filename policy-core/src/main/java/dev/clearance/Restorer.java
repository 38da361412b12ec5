package dev.clearance;

import java.util.Map;

/**
 * Maps a decision's placeholders back to the values they replaced. Holds raw values: it is deliberately not a
 * record, has no accessor for its map, prints no values in {@link #toString()} and is never serialized.
 */
public final class Restorer {
    static final Restorer NONE = new Restorer(Map.of());

    private final Map<String, String> originals;

    private Restorer(Map<String, String> originals) {
        this.originals = originals;
    }

    /** A restorer over placeholder → original value; used by the engine. */
    public static Restorer of(Map<String, String> placeholderToOriginal) {
        return placeholderToOriginal.isEmpty() ? NONE : new Restorer(Map.copyOf(placeholderToOriginal));
    }

    /** Number of placeholders this restorer knows. */
    public int size() {
        return originals.size();
    }

    /** Replaces every known placeholder in {@code text} with its original value. */
    public String restore(String text) {
        if (text == null || originals.isEmpty() || text.indexOf('[') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '[') {
                int close = text.indexOf(']', i + 1);
                if (close > 0) {
                    String original = originals.get(text.substring(i, close + 1));
                    if (original != null) {
                        out.append(original);
                        i = close + 1;
                        continue;
                    }
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "Restorer[" + originals.size() + " placeholders]";
    }
}
