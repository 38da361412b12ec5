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
        // an ASCII window (the usual case) is lower-cased into an array, and only the words whose chars it holds
        // are looked for: the same answers as the lower-cased substring below, without a string per candidate
        int from = Math.max(0, start - WINDOW);
        int len = start - from;
        char[] low = new char[len];
        long present = 0;
        for (int i = 0; i < len; i++) {
            char c = text.charAt(from + i);
            if (c >= 0x80) {
                return beforeLowered(text, start, words);
            }
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            low[i] = c;
            present |= 1L << (c & 63);
        }
        for (String w : words) {
            int n = w.length();
            if (n == 0) {
                return beforeLowered(text, start, words);
            }
            if (n > len || !within(w, present)) {
                continue;
            }
            char first = w.charAt(0);
            for (int i = 0; i + n <= len; i++) {
                if (low[i] != first || !matchesAt(low, i, w)) {
                    continue;
                }
                int end = i + n;
                boolean left = i == 0 || !Character.isLetter(low[i - 1]);
                boolean right = end == len || !Character.isLetter(low[end]);
                if (left && right) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether every char of {@code w} is in {@code present} (ASCII chars, each at its bit modulo 64). */
    private static boolean within(String w, long present) {
        for (int k = 0; k < w.length(); k++) {
            char c = w.charAt(k);
            if (c >= 0x80 || (present & (1L << (c & 63))) == 0) {
                return false; // an ASCII window holds no other char
            }
        }
        return true;
    }

    private static boolean matchesAt(char[] low, int i, String w) {
        for (int k = 1; k < w.length(); k++) {
            if (low[i + k] != w.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** {@link #before} of a window with a char beyond ASCII: lower-cased as a string. */
    private static boolean beforeLowered(String text, int start, String... words) {
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
