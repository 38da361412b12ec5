package dev.clearance.internal.detect.pii;

import dev.clearance.Finding;
import dev.clearance.internal.detect.ScanText;
import java.util.List;

/**
 * UK National Insurance numbers as people write them besides the compact upper-case form {@link UkNino} finds:
 * in pairs ({@code AB 12 34 56 C}, the form on HMRC letters and payslips, also with hyphens) and in lower case
 * ({@code ab123456c}, {@code ab 12 34 56 c}). The candidates come from the word pass's words holding a digit;
 * each starts at a letter after a non-alphanumeric char and is checked over at most 13 chars, so the work is linear. The same structure test as
 * {@link UkNino#valid}; lower case is reported a little less surely.
 */
final class UkNinoWritten {
    static final PiiKind KIND = new PiiKind("UK_NINO", "uk-nino", 0.85, true);
    private static final double LOWER_CASE = 0.7;
    private static final int LONGEST = 13;

    private UkNinoWritten() {}

    /**
     * Adds the numbers found to {@code out}; returns the work done (chars examined). Every number holds a digit,
     * so the candidates come from the words holding one ({@code digitWords}, found by the word pass): its first
     * digit pair starts a run of digits two chars after the start (no separator) or three (a space or hyphen).
     */
    static long find(ScanText text, WordPass.Spans digitWords, List<Finding> out) {
        final char[] chars = text.chars();
        long work = 0;
        int[] pairs = digitWords.pairs;
        for (int w = 0; w < digitWords.size; w += 2) {
            int s = pairs[w];
            int e = pairs[w + 1];
            work += e - s;
            // a candidate's first digit pair follows a letter (no separator) or a space or hyphen (after a letter)
            char before = s > 0 ? chars[s - 1] : 0;
            for (int p = s; p < e; p++) {
                char c = chars[p];
                if (c >= '0' && c <= '9' && !(before >= '0' && before <= '9')) {
                    if (before == ' ' || before == '-') {
                        work += candidate(chars, p - 3, out);
                    } else if (isAsciiLetter(before)) {
                        work += candidate(chars, p - 2, out);
                    }
                }
                before = c;
            }
        }
        return work;
    }

    /** Checks the candidate starting at {@code i}; returns the work done. */
    private static long candidate(char[] text, int i, List<Finding> out) {
        int n = text.length;
        if (i < 0 || i + 9 > n || !isAsciiLetter(text[i]) || i > 0 && Character.isLetterOrDigit(text[i - 1])) {
            return 1;
        }
        int end = match(text, i);
        if (end < 0) {
            return Math.min(LONGEST, n - i);
        }
        boolean spaced = end - i != 9;
        boolean upper = true;
        boolean lower = true;
        for (int k = i; k < end; k++) {
            char c = text[k];
            upper &= !(c >= 'a' && c <= 'z');
            lower &= !(c >= 'A' && c <= 'Z');
        }
        if (!spaced && upper) {
            return LONGEST; // UkNino's own form, found by the word pass
        }
        if (upper || lower) {
            char[] compact = new char[9];
            int m = 0;
            for (int k = i; k < end; k++) {
                char c = text[k];
                if (c != ' ' && c != '-') {
                    compact[m++] = c >= 'a' && c <= 'z' ? (char) (c - 32) : c;
                }
            }
            if (UkNino.valid(new String(compact, 0, m))) {
                out.add(KIND.at(i, end, upper ? KIND.confidence() : LOWER_CASE));
            }
        }
        return LONGEST;
    }

    /**
     * The end of {@code LL[s]DD[s]DD[s]DD[s]L} from {@code i}, with one separator kind throughout (none, a space or
     * a hyphen) and no letter or digit right after; -1 when the text there is not of that shape.
     */
    static int match(char[] text, int i) {
        int n = text.length;
        if (i + 9 > n || !isAsciiLetter(text[i]) || !isAsciiLetter(text[i + 1])) {
            return -1;
        }
        int k = i + 2;
        char sep = 0;
        if (k < n && (text[k] == ' ' || text[k] == '-')) {
            sep = text[k];
        }
        for (int pair = 0; pair < 3; pair++) {
            if (sep != 0) {
                if (k >= n || text[k] != sep) {
                    return -1;
                }
                k++;
            }
            if (k + 2 > n || !isDigit(text[k]) || !isDigit(text[k + 1])) {
                return -1;
            }
            k += 2;
        }
        if (sep != 0) {
            if (k >= n || text[k] != sep) {
                return -1;
            }
            k++;
        }
        if (k >= n || !isAsciiLetter(text[k])) {
            return -1;
        }
        k++;
        if (k < n && Character.isLetterOrDigit(text[k])) {
            return -1;
        }
        return k;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
