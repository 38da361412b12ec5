package dev.clearance.internal.detect.pii;

import java.util.Locale;

/**
 * Context words before a candidate: the few identifiers that have no check digit of their own (passport and
 * driver's-licence numbers) or that any 9-digit number passes one time in ten (ABA routing numbers, compact SIN,
 * TFN, BSN) are reported only after a word that names them. Looks back at most {@link #WINDOW} chars, so a pass
 * stays linear. (The one tunable context-word mechanism of the pack is to replace this.)
 */
final class Context {
    static final int WINDOW = 40;

    private Context() {}

    /**
     * Whether one of {@code words} (lower case) occurs as a whole word (no letter either side) in the
     * {@link #WINDOW} chars before {@code start}.
     */
    static boolean before(String text, int start, String... words) {
        String window = text.substring(Math.max(0, start - WINDOW), start).toLowerCase(Locale.ROOT);
        for (String w : words) {
            for (int i = window.indexOf(w); i >= 0; i = window.indexOf(w, i + 1)) {
                int end = i + w.length();
                boolean left = i == 0 || !Character.isLetter(window.charAt(i - 1));
                boolean right = end == window.length() || !Character.isLetter(window.charAt(end));
                if (left && right) {
                    return true;
                }
            }
        }
        return false;
    }
}
