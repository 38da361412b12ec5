package dev.clearance.internal.detect.pii;

import dev.clearance.Finding;
import dev.clearance.internal.detect.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * The digit-group pass: runs of digits joined by single separators (cards, SSNs, phones, IPv4, national
 * numbers), looked for only inside the words that hold a digit. A group goes to IPv4 first, then to the
 * {@link DigitGroupRecognizer}s whose gate admits its digit count (a table built once), in registry order.
 */
final class DigitGroupPass {
    private static final int MAX_GROUP = 64;
    private static final DigitGroupRecognizer[][] BY_DIGITS = PiiRecognizers.byDigits();
    /**
     * Per digit count, one past the last high-risk recognizer of {@link #BY_DIGITS}: the recognizers after it can
     * only add findings that are not high-risk.
     */
    private static final int[] HIGH_RISK_END = highRiskEnd();

    private static int[] highRiskEnd() {
        int[] end = new int[BY_DIGITS.length];
        for (int count = 0; count < BY_DIGITS.length; count++) {
            for (int k = 0; k < BY_DIGITS[count].length; k++) {
                if (BY_DIGITS[count][k].kind().highRisk()) {
                    end[count] = k + 1;
                }
            }
        }
        return end;
    }

    private DigitGroupPass() {}

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')';
    }

    /**
     * Digit groups. Only positions inside {@code digitWords} can start one (every other position is a break char or
     * in a word without digits, where the scan would just step on), so the scan visits those words only.
     */
    static long numbers(String text, List<Finding> out, WordPass.Spans digitWords) {
        Phone.newPass();
        long work = 0;
        int n = text.length();
        int i = 0;
        for (int w = 0; w < digitWords.size; w += 2) {
            i = Math.max(i, digitWords.pairs[w]);
            int wordEnd = digitWords.pairs[w + 1];
            while (i < wordEnd) {
                char c = text.charAt(i);
                if (!Text.isDigit(c)) {
                    i++;
                    continue;
                }
                if (i > 0 && (Text.isLetter(text.charAt(i - 1)) || text.charAt(i - 1) == '_')
                        || i > 1
                                && (text.charAt(i - 1) == '-' || text.charAt(i - 1) == '.')
                                && Text.isAsciiAlnum(text.charAt(i - 2))) {
                    while (i < n && Text.isWordChar(text.charAt(i))) {
                        i++;
                    }
                    continue;
                }
                int gs = i;
                int j = i;
                int lastDigitEnd = i;
                while (j < n) {
                    char d = text.charAt(j);
                    if (Text.isDigit(d)) {
                        j++;
                        lastDigitEnd = j;
                        continue;
                    }
                    int k = j;
                    while (k < n && k - j < 2 && isSeparator(text.charAt(k))) {
                        k++;
                    }
                    if (k > j && k < n && Text.isDigit(text.charAt(k))) {
                        j = k;
                        continue;
                    }
                    break;
                }
                work += j - gs + 1;
                int start = gs;
                if (gs > 0 && (text.charAt(gs - 1) == '+' || text.charAt(gs - 1) == '(')) {
                    start = gs - 1;
                    if (start > 0 && text.charAt(gs - 1) == '(' && text.charAt(start - 1) == '+') {
                        start--;
                    }
                }
                int ext = extensionEnd(text, lastDigitEnd);
                if (ext > 0) {
                    work += ext - lastDigitEnd;
                    if (lastDigitEnd - start <= MAX_GROUP) {
                        withExtension(text, start, lastDigitEnd, ext, out);
                    }
                    i = ext;
                    continue;
                }
                if (!Text.isLetter(charAt(text, lastDigitEnd))
                        && (lastDigitEnd - start > MAX_GROUP || !group(text, start, lastDigitEnd, out))) {
                    splitGroup(text, start, lastDigitEnd, out);
                }
                i = Math.max(lastDigitEnd, i + 1);
            }
        }
        return work;
    }

    /**
     * The end of a phone extension right after a digit group ({@code x123}, {@code ext.123}, {@code ext 123}, after one space for {@code ext}: 1 to 6
     * digits, then no letter or digit), else 0.
     */
    private static int extensionEnd(String text, int at) {
        int n = text.length();
        int k = at;
        if (text.regionMatches(true, k, " ext", 0, 4)) {
            k++;
        }
        if (k == at && k < n && (text.charAt(k) == 'x' || text.charAt(k) == 'X')) {
            k++;
        } else if (text.regionMatches(true, k, "ext", 0, 3)) {
            k += 3;
            if (k < n && text.charAt(k) == '.') {
                k++;
            }
            if (k < n && text.charAt(k) == ' ') {
                k++;
            }
        } else {
            return 0;
        }
        int d = k;
        while (k < n && Text.isDigit(text.charAt(k)) && k - d < 7) {
            k++;
        }
        if (k == d || k - d > 6 || k < n && Text.isWordChar(text.charAt(k))) {
            return 0;
        }
        return k;
    }

    /** A phone number with its extension: the group is classified alone, a phone reading then covers the extension (other readings keep their span). */
    private static void withExtension(String text, int s, int e, int ext, List<Finding> out) {
        List<Finding> found = new ArrayList<>(2);
        group(text, s, e, found);
        for (Finding f : found) {
            if (f.type().equals("PHONE_NUMBER") && f.end() == e) {
                out.add(Finding.pii(f.type(), f.rule(), f.start(), ext, f.confidence(), f.highRisk()));
            } else {
                out.add(f);
            }
        }
    }

    private static char charAt(String text, int i) {
        return i < text.length() ? text.charAt(i) : ' ';
    }

    /**
     * A chain of digit groups that is not one identifier as a whole (or too long to be one): from the left, the
     * longest run of space-separated pieces (after the first, each of 2 digits or more), at most
     * {@code MAX_GROUP} chars with at least 7 digits, that is one
     * identifier (a card number followed by an unrelated number), else the single piece. Each start tries a
     * bounded number of runs, so the split stays linear in the chain's length.
     */
    private static void splitGroup(String text, int s, int e, List<Finding> out) {
        int[] starts = new int[16];
        int[] ends = new int[16];
        int[] digits = new int[16];
        int count = 0;
        int p = s;
        for (int i = s; i <= e; i++) {
            if (i == e || text.charAt(i) == ' ') {
                if (i > p) {
                    if (count == starts.length) {
                        starts = java.util.Arrays.copyOf(starts, count * 2);
                        ends = java.util.Arrays.copyOf(ends, count * 2);
                        digits = java.util.Arrays.copyOf(digits, count * 2);
                    }
                    starts[count] = p;
                    ends[count] = i;
                    int d = 0;
                    for (int k = p; k < i; k++) {
                        d += Text.isDigit(text.charAt(k)) ? 1 : 0;
                    }
                    digits[count] = d;
                    count++;
                }
                p = i + 1;
            }
        }
        boolean[] used = new boolean[count];
        boolean whole = e - s > MAX_GROUP;
        // high-risk identifiers (checksummed) first, so a loose phone match cannot split a card number
        greedy(text, starts, ends, digits, count, used, whole, true, out);
        greedy(text, starts, ends, digits, count, used, whole, false, out);
    }

    /**
     * From the left, over pieces not yet used, the longest run (after the first piece, each of 2 digits or more;
     * at most {@code MAX_GROUP} chars; at least 7 digits) that is an identifier; else the single piece.
     */
    private static void greedy(
            String text,
            int[] starts,
            int[] ends,
            int[] digits,
            int count,
            boolean[] used,
            boolean whole,
            boolean highRiskOnly,
            List<Finding> out) {
        List<Finding> found = new ArrayList<>(2);
        int a = 0;
        while (a < count) {
            if (used[a]) {
                a++;
                continue;
            }
            int last = a;
            int sum = digits[a];
            while (last + 1 < count
                    && !used[last + 1]
                    && ends[last + 1] - starts[a] <= MAX_GROUP
                    && digits[last + 1] >= 2) {
                last++;
                sum += digits[last];
            }
            int next = a + 1;
            for (int b = last; b >= a; b--) {
                boolean single = b == a;
                boolean eligible = single ? count > 1 || whole : sum >= 7 && (a > 0 || b < count - 1 || whole);
                found.clear();
                if (eligible
                        && group(text, starts[a], ends[b], sum, highRiskOnly, found)
                        && (!highRiskOnly || found.stream().allMatch(Finding::highRisk))) {
                    out.addAll(found);
                    for (int k = a; k <= b; k++) {
                        used[k] = true;
                    }
                    next = b + 1;
                    break;
                }
                sum -= digits[b];
            }
            a = next;
        }
    }

    /** Classifies one digit group {@code [s, e)}; true when something was reported. */
    private static boolean group(String text, int s, int e, List<Finding> out) {
        return group(text, s, e, -1, false, out);
    }

    /**
     * Classifies one digit group {@code [s, e)} holding {@code digitCount} digits (-1: not counted yet); true when
     * something was reported. When {@code highRiskOnly}, the caller keeps a result only if every finding is
     * high-risk, so the recognizers that could only add another kind are not asked once nothing high-risk matched
     * (the caller's outcome is the same either way, and they make no libphonenumber calls for nothing).
     */
    private static boolean group(String text, int s, int e, int digitCount, boolean highRiskOnly, List<Finding> out) {
        if (e <= s) {
            return false;
        }
        if (Text.isDigit(text.charAt(s)) && NetworkIds.ipv4(text, s, e, out)
                || !Text.isDigit(text.charAt(s)) && text.charAt(s) == '(' && NetworkIds.ipv4(text, s + 1, e, out)) {
            return true;
        }
        if (digitCount >= 0
                && (digitCount >= BY_DIGITS.length
                        || BY_DIGITS[digitCount].length == 0
                        || highRiskOnly && HIGH_RISK_END[digitCount] == 0)) {
            return false; // no recognizer whose gate admits the group (that could make it kept)
        }
        DigitGroup g = new DigitGroup(text, s, e);
        int dl = g.digitCount();
        if (dl >= BY_DIGITS.length) {
            return false;
        }
        boolean reported = false;
        DigitGroupRecognizer[] recognizers = BY_DIGITS[dl];
        for (int k = 0; k < recognizers.length; k++) {
            if (highRiskOnly && !reported && k >= HIGH_RISK_END[dl]) {
                return false;
            }
            DigitGroupRecognizer r = recognizers[k];
            if (r.matches(g)) {
                out.add(r.kind().at(s, e, r.confidence(g)));
                if (r.exclusive()) {
                    return true;
                }
                reported = true;
            }
        }
        return reported;
    }
}
