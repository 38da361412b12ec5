package dev.clearance.internal.detect.pii;

import java.util.Locale;

/**
 * Whole words before a candidate, within {@link #WINDOW} chars, so a pass stays linear: the look-up behind the gate
 * words of {@link PiiContextWords} (the one table of context words: the few identifiers that have no check digit of
 * their own, or that any 9-digit number passes one time in ten, are reported only after a word that names them)
 * and the phone words that let a local number through.
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
