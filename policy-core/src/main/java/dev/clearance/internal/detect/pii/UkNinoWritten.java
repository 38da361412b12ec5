package dev.clearance.internal.detect.pii;

import dev.clearance.Finding;
import java.util.List;
import java.util.Locale;

/**
 * UK National Insurance numbers as people write them besides the compact upper-case form {@link UkNino} finds:
 * in pairs ({@code AB 12 34 56 C}, the form on HMRC letters and payslips, also with hyphens) and in lower case
 * ({@code ab123456c}, {@code ab 12 34 56 c}). One pass over the text; each candidate starts at a letter after a
 * non-alphanumeric char and is checked over at most 13 chars, so the work is linear. The same structure test as
 * {@link UkNino#valid}; lower case is reported a little less surely.
 */
final class UkNinoWritten {
    static final PiiKind KIND = new PiiKind("UK_NINO", "uk-nino", 0.85, true);
    private static final double LOWER_CASE = 0.7;
    private static final int LONGEST = 13;

    private UkNinoWritten() {}

    /** Adds the numbers found to {@code out}; returns the work done (chars examined). */
    static long find(String text, List<Finding> out) {
        long work = 0;
        int n = text.length();
        for (int i = 0; i + 9 <= n; i++) {
            work++;
            if (!isAsciiLetter(text.charAt(i)) || i > 0 && Character.isLetterOrDigit(text.charAt(i - 1))) {
                continue;
            }
            work += Math.min(LONGEST, n - i);
            int end = match(text, i);
            if (end < 0) {
                continue;
            }
            String raw = text.substring(i, end);
            String compact = raw.replace(" ", "").replace("-", "");
            boolean spaced = compact.length() != raw.length();
            boolean lower = !compact.equals(compact.toUpperCase(Locale.ROOT));
            if (!spaced && !lower) {
                continue; // UkNino's own form, found by the word pass
            }
            boolean mixed = lower && !compact.equals(compact.toLowerCase(Locale.ROOT));
            if (!mixed && UkNino.valid(compact.toUpperCase(Locale.ROOT))) {
                out.add(KIND.at(i, end, lower ? LOWER_CASE : KIND.confidence()));
                i = end - 1;
            }
        }
        return work;
    }

    /**
     * The end of {@code LL[s]DD[s]DD[s]DD[s]L} from {@code i}, with one separator kind throughout (none, a space or
     * a hyphen) and no letter or digit right after; -1 when the text there is not of that shape.
     */
    static int match(String text, int i) {
        int n = text.length();
        if (i + 9 > n || !isAsciiLetter(text.charAt(i)) || !isAsciiLetter(text.charAt(i + 1))) {
            return -1;
        }
        int k = i + 2;
        char sep = 0;
        if (k < n && (text.charAt(k) == ' ' || text.charAt(k) == '-')) {
            sep = text.charAt(k);
        }
        for (int pair = 0; pair < 3; pair++) {
            if (sep != 0) {
                if (k >= n || text.charAt(k) != sep) {
                    return -1;
                }
                k++;
            }
            if (k + 2 > n || !isDigit(text.charAt(k)) || !isDigit(text.charAt(k + 1))) {
                return -1;
            }
            k += 2;
        }
        if (sep != 0) {
            if (k >= n || text.charAt(k) != sep) {
                return -1;
            }
            k++;
        }
        if (k >= n || !isAsciiLetter(text.charAt(k))) {
            return -1;
        }
        k++;
        if (k < n && Character.isLetterOrDigit(text.charAt(k))) {
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
