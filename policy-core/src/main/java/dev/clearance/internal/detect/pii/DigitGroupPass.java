package dev.clearance.internal.detect.pii;

import dev.clearance.Finding;
import dev.clearance.internal.detect.ScanText;
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
     * A pass's state, reused by the passes on one thread (nothing is allocated for a text without digit groups):
     * the group scratch, the split's piece arrays, the work counted at candidates.
     */
    private static final class Scratch {
        String text;
        char[] chars;
        /** Digits and shape of the group being classified ({@link DigitGroup}), for groups up to {@code MAX_GROUP}. */
        final char[] group = new char[3 * MAX_GROUP + 2];

        int[] starts = new int[16];
        int[] ends = new int[16];
        int[] digits = new int[16];
        boolean[] used = new boolean[16];
        boolean[] dotted = new boolean[16];
        final List<Finding> found = new ArrayList<>(2);
        long work;

        // The walk over pieces prefixA..prefixTop of the chain being split: the digits at [0, MAX_GROUP), the shape at
        // [MAX_GROUP, 2 * MAX_GROUP + 2), and after each piece k (at k - prefixA) the digit count, the shape's end, the
        // first separator and the flags: the group of pieces prefixA..b, for any b up to prefixTop, is a prefix of it.
        int prefixA = -1;
        int prefixTop = -1;
        final char[] prefix = new char[2 * MAX_GROUP + 2];
        final int[] digitsAt = new int[MAX_GROUP + 1];
        final int[] shapeAt = new int[MAX_GROUP + 1];
        final char[] sepAt = new char[MAX_GROUP + 1];
        final byte[] flagsAt = new byte[MAX_GROUP + 1];

        Scratch begin(ScanText scan) {
            this.text = scan.string();
            this.chars = scan.chars();
            this.work = 0;
            return this;
        }

        /** Drops the text, so a thread's scratch does not keep it alive. */
        void end() {
            this.text = null;
            this.chars = null;
            this.prefixA = -1;
            found.clear();
            if (starts.length > 4096) {
                // a long chain's piece arrays are not kept for the thread's next texts
                starts = new int[16];
                ends = new int[16];
                digits = new int[16];
                used = new boolean[16];
                dotted = new boolean[16];
            }
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * Digit groups. Only positions inside {@code digitWords} can start one (every other position is a break char or
     * in a word without digits, where the scan would just step on), so the scan visits those words only. Returns
     * the work done: chars of each group, and of each window of a split chain that a recognizer looked at.
     */
    static long numbers(ScanText shared, List<Finding> out, WordPass.Spans digitWords) {
        Phone.newPass();
        if (digitWords.size == 0) {
            return 0;
        }
        final Scratch sc = SCRATCH.get().begin(shared);
        try {
            return scan(sc, out, digitWords);
        } finally {
            sc.end();
        }
    }

    private static long scan(Scratch sc, List<Finding> out, WordPass.Spans digitWords) {
        final char[] chars = sc.chars;
        long work = 0;
        int n = chars.length;
        int i = 0;
        for (int w = 0; w < digitWords.size; w += 2) {
            i = Math.max(i, digitWords.pairs[w]);
            int wordEnd = digitWords.pairs[w + 1];
            while (i < wordEnd) {
                char c = chars[i];
                if (!Text.isDigit(c)) {
                    i++;
                    continue;
                }
                if (i > 0 && (Text.isLetter(chars[i - 1]) || chars[i - 1] == '_')
                        || i > 1 && (chars[i - 1] == '-' || chars[i - 1] == '.') && Text.isAsciiAlnum(chars[i - 2])) {
                    while (i < n && Text.isWordChar(chars[i])) {
                        i++;
                    }
                    continue;
                }
                int gs = i;
                int j = i;
                int lastDigitEnd = i;
                while (j < n) {
                    char d = chars[j];
                    if (Text.isDigit(d)) {
                        j++;
                        lastDigitEnd = j;
                        continue;
                    }
                    int k = j;
                    while (k < n && k - j < 2 && isSeparator(chars[k])) {
                        k++;
                    }
                    if (k > j && k < n && Text.isDigit(chars[k])) {
                        j = k;
                        continue;
                    }
                    break;
                }
                work += j - gs + 1;
                int start = gs;
                if (gs > 0 && (chars[gs - 1] == '+' || chars[gs - 1] == '(')) {
                    start = gs - 1;
                    if (start > 0 && chars[gs - 1] == '(' && chars[start - 1] == '+') {
                        start--;
                    }
                }
                int ext = extensionEnd(sc.text, chars, lastDigitEnd);
                if (ext > 0) {
                    work += ext - lastDigitEnd;
                    if (lastDigitEnd - start <= MAX_GROUP) {
                        withExtension(sc, start, lastDigitEnd, ext, out);
                    }
                    i = ext;
                    continue;
                }
                if (!(lastDigitEnd < n && Text.isLetter(chars[lastDigitEnd]))
                        && (lastDigitEnd - start > MAX_GROUP || !group(sc, start, lastDigitEnd, -1, false, out))) {
                    splitGroup(sc, start, lastDigitEnd, out);
                }
                i = Math.max(lastDigitEnd, i + 1);
            }
        }
        return work + sc.work;
    }

    /**
     * The end of a phone extension right after a digit group ({@code x123}, {@code ext.123}, {@code ext 123}, after
     * one space for {@code ext}: 1 to 6 digits, then no letter or digit), else 0.
     */
    private static int extensionEnd(String text, char[] chars, int at) {
        int n = chars.length;
        if (at >= n) {
            return 0;
        }
        char first = chars[at];
        if (first != ' ' && first != 'x' && first != 'X' && first != 'e' && first != 'E') {
            return 0; // neither "x", "ext" nor " ext" starts here
        }
        int k = at;
        if (text.regionMatches(true, k, " ext", 0, 4)) {
            k++;
        }
        if (k == at && (chars[k] == 'x' || chars[k] == 'X')) {
            k++;
        } else if (text.regionMatches(true, k, "ext", 0, 3)) {
            k += 3;
            if (k < n && chars[k] == '.') {
                k++;
            }
            if (k < n && chars[k] == ' ') {
                k++;
            }
        } else {
            return 0;
        }
        int d = k;
        while (k < n && Text.isDigit(chars[k]) && k - d < 7) {
            k++;
        }
        if (k == d || k - d > 6 || k < n && Text.isWordChar(chars[k])) {
            return 0;
        }
        return k;
    }

    /**
     * A phone number with its extension: the group is classified alone, a phone reading then covers the extension
     * (other readings keep their span).
     */
    private static void withExtension(Scratch sc, int s, int e, int ext, List<Finding> out) {
        List<Finding> found = new ArrayList<>(2);
        group(sc, s, e, -1, false, found);
        for (Finding f : found) {
            if (f.type().equals("PHONE_NUMBER") && f.end() == e) {
                out.add(Finding.pii(f.type(), f.rule(), f.start(), ext, f.confidence(), f.highRisk()));
            } else {
                out.add(f);
            }
        }
    }

    /**
     * A chain of digit groups that is not one identifier as a whole (or too long to be one): from the left, the
     * longest run of space-separated pieces (after the first, each of 2 digits or more), at most {@code MAX_GROUP}
     * chars with at least 7 digits, that is one identifier (a card number followed by an unrelated number), else the
     * single piece. Each start tries a bounded number of runs, so the split stays linear in the chain's length.
     */
    private static void splitGroup(Scratch sc, int s, int e, List<Finding> out) {
        final char[] chars = sc.chars;
        int count = 0;
        int p = s;
        for (int i = s; i <= e; i++) {
            if (i == e || chars[i] == ' ') {
                if (i > p) {
                    if (count == sc.starts.length) {
                        sc.starts = java.util.Arrays.copyOf(sc.starts, count * 2);
                        sc.ends = java.util.Arrays.copyOf(sc.ends, count * 2);
                        sc.digits = java.util.Arrays.copyOf(sc.digits, count * 2);
                        sc.used = new boolean[count * 2];
                        sc.dotted = java.util.Arrays.copyOf(sc.dotted, count * 2);
                    }
                    sc.starts[count] = p;
                    sc.ends[count] = i;
                    int d = 0;
                    boolean dot = false;
                    for (int k = p; k < i; k++) {
                        d += Text.isDigit(chars[k]) ? 1 : 0;
                        dot |= chars[k] == '.';
                    }
                    sc.digits[count] = d;
                    sc.dotted[count] = dot;
                    count++;
                }
                p = i + 1;
            }
        }
        java.util.Arrays.fill(sc.used, 0, count, false);
        boolean whole = e - s > MAX_GROUP;
        int split = Math.min(count, MAX_SPLIT_PIECES);
        // high-risk identifiers (checksummed) first, so a loose phone match cannot split a card number
        greedy(sc, split, whole, true, out);
        greedy(sc, split, whole, false, out);
        if (split < count) {
            unsplit(sc, split, count, out);
        }
    }

    /**
     * Pieces of one chain that the split examines one by one; past them, the rest of the chain is one finding
     * ({@link #unsplit}). A chain of thousands of space-separated digit groups (a hostile text; no identifier is
     * written so) would otherwise cost the split tens of windows per piece.
     */
    static final int MAX_SPLIT_PIECES = 256;

    /** Rule of the finding for the rest of a chain longer than {@link #MAX_SPLIT_PIECES} (fail closed). */
    static final String UNSPLIT_RULE = "digit-chain-unsplit";

    /**
     * The pieces {@code from..count-1} of a chain too long to split, reported fail closed as one finding of the
     * riskiest kind a window of them could be (high-risk before not, then the kind's confidence: a card number when
     * 13 to 19 digits fit in a window), never skipped. Which kinds could is read from the digit counts of the
     * windows the split would have tried (the recognizer gates) and from a dotted piece (IPv4); a rest no window of
     * which any gate admits (a run of single digits) holds no identifier and gives nothing. One walk over the
     * pieces, each start looking at a bounded number of them.
     */
    private static void unsplit(Scratch sc, int from, int count, List<Finding> out) {
        final int[] starts = sc.starts;
        final int[] ends = sc.ends;
        final int[] digits = sc.digits;
        long counts = 0; // bit d: a window of d digits (d below BY_DIGITS.length)
        boolean dotted = false;
        for (int a = from; a < count; a++) {
            dotted |= sc.dotted[a];
            int sum = digits[a];
            if (sum < BY_DIGITS.length) {
                counts |= 1L << sum;
            }
            for (int b = a + 1;
                    b < count && ends[b] - starts[a] <= MAX_GROUP && digits[b] >= 2 && sum < BY_DIGITS.length;
                    b++) {
                sum += digits[b];
                if (sum >= 7 && sum < BY_DIGITS.length) {
                    counts |= 1L << sum;
                }
            }
        }
        sc.work += ends[count - 1] - starts[from];
        PiiKind best = dotted ? NetworkIds.IPV4 : null;
        for (int d = 0; d < BY_DIGITS.length; d++) {
            if ((counts & (1L << d)) != 0) {
                for (DigitGroupRecognizer r : BY_DIGITS[d]) {
                    best = riskier(best, r.kind());
                }
            }
        }
        if (best != null) {
            out.add(Finding.pii(
                    best.type(), UNSPLIT_RULE, starts[from], ends[count - 1], best.confidence(), best.highRisk()));
        }
    }

    private static PiiKind riskier(PiiKind a, PiiKind b) {
        if (a == null) {
            return b;
        }
        if (a.highRisk() != b.highRisk()) {
            return a.highRisk() ? a : b;
        }
        return b.confidence() > a.confidence() ? b : a;
    }

    /**
     * From the left, over pieces not yet used, the longest run (after the first piece, each of 2 digits or more;
     * at most {@code MAX_GROUP} chars; at least 7 digits) that is an identifier; else the single piece.
     */
    private static void greedy(Scratch sc, int count, boolean whole, boolean highRiskOnly, List<Finding> out) {
        final int[] starts = sc.starts;
        final int[] ends = sc.ends;
        final int[] digits = sc.digits;
        final boolean[] used = sc.used;
        final List<Finding> found = sc.found;
        sc.prefixA = -1;
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
                if (eligible && pieces(sc, a, b, sum, highRiskOnly, found) && (!highRiskOnly || allHighRisk(found))) {
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
        found.clear();
    }

    private static boolean allHighRisk(List<Finding> found) {
        for (int k = 0; k < found.size(); k++) {
            if (!found.get(k).highRisk()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Classifies one digit group {@code [s, e)} holding {@code digitCount} digits (-1: not counted yet); true when
     * something was reported. When {@code highRiskOnly}, the caller keeps a result only if every finding is
     * high-risk, so the recognizers that could only add another kind are not asked once nothing high-risk matched
     * (the caller's outcome is the same either way, and they make no libphonenumber calls for nothing).
     */
    private static boolean group(Scratch sc, int s, int e, int digitCount, boolean highRiskOnly, List<Finding> out) {
        if (e <= s) {
            return false;
        }
        final String text = sc.text;
        final char[] chars = sc.chars;
        if (Text.isDigit(chars[s]) && NetworkIds.ipv4(text, s, e, out)
                || !Text.isDigit(chars[s]) && chars[s] == '(' && NetworkIds.ipv4(text, s + 1, e, out)) {
            return true;
        }
        if (digitCount >= 0
                && (digitCount >= BY_DIGITS.length
                        || BY_DIGITS[digitCount].length == 0
                        || highRiskOnly && HIGH_RISK_END[digitCount] == 0)) {
            return false; // no recognizer whose gate admits the group (that could make it kept)
        }
        sc.work += e - s;
        return classify(new DigitGroup(text, chars, s, e, sc.group), highRiskOnly, out);
    }

    /**
     * {@link #group} of the pieces {@code a..b} of the chain being split ({@code digitCount}: their digits): the
     * same outcome, with the group read from one walk over the pieces from {@code a} (see {@link Scratch}) instead of
     * one walk per window, and IPv4 tried only when piece {@code a} holds a dot (a dotted quad cannot cross the space
     * after it).
     */
    private static boolean pieces(Scratch sc, int a, int b, int digitCount, boolean highRiskOnly, List<Finding> out) {
        final int s = sc.starts[a];
        final int e = sc.ends[b];
        if (e - s > MAX_GROUP) {
            return group(sc, s, e, digitCount, highRiskOnly, out); // one long piece: longer than the walk holds
        }
        final String text = sc.text;
        final char[] chars = sc.chars;
        if (sc.dotted[a]
                && (Text.isDigit(chars[s]) && NetworkIds.ipv4(text, s, e, out)
                        || !Text.isDigit(chars[s]) && chars[s] == '(' && NetworkIds.ipv4(text, s + 1, e, out))) {
            return true;
        }
        if (digitCount >= BY_DIGITS.length
                || BY_DIGITS[digitCount].length == 0
                || highRiskOnly && HIGH_RISK_END[digitCount] == 0) {
            return false;
        }
        if (sc.prefixA != a || sc.prefixTop < b) {
            walkPieces(sc, a, b);
        }
        sc.work += e - s;
        int k = b - a;
        int flags = sc.flagsAt[k];
        DigitGroup g = new DigitGroup(
                text,
                chars,
                s,
                e,
                sc.prefix,
                sc.digitsAt[k],
                MAX_GROUP,
                sc.shapeAt[k] - MAX_GROUP,
                (flags & TRUNK) != 0,
                sc.sepAt[k],
                (flags & MIXED) != 0,
                (flags & PAREN) != 0);
        return classify(g, highRiskOnly, out);
    }

    private static final int MIXED = 1;
    private static final int PAREN = 2;
    private static final int TRUNK = 4;

    /**
     * Walks the pieces {@code a..top} once, as {@link DigitGroup} reads a group, recording the state after each
     * piece (the group of pieces {@code a..k} ends there).
     */
    private static void walkPieces(Scratch sc, int a, int top) {
        final char[] chars = sc.chars;
        final char[] buf = sc.prefix;
        final int start = sc.starts[a];
        final int end = sc.ends[top];
        int dn = 0;
        int sn = MAX_GROUP;
        char sep = 0;
        int flags = 0;
        int run = 0;
        int k = a;
        for (int i = start; ; i++) {
            if (i == sc.ends[k]) {
                if (run > 0) {
                    sn = DigitGroup.appendRun(buf, sn, run);
                    run = 0;
                }
                sc.digitsAt[k - a] = dn;
                sc.shapeAt[k - a] = sn;
                sc.sepAt[k - a] = sep;
                sc.flagsAt[k - a] = (byte) flags;
                if (k == top) {
                    break;
                }
                k++;
            }
            char c = chars[i];
            if (c >= '0' && c <= '9') {
                buf[dn++] = c;
                if (c == '0' && i > start && chars[i - 1] == '(' && i + 1 < end && chars[i + 1] == ')') {
                    flags |= TRUNK;
                }
                run++;
            } else {
                if (run > 0) {
                    sn = DigitGroup.appendRun(buf, sn, run);
                    run = 0;
                }
                if (c == '(' || c == ')') {
                    flags |= PAREN;
                } else if (c != '+') {
                    buf[sn++] = c;
                    if (sep == 0) {
                        sep = c;
                    } else if (sep != c) {
                        flags |= MIXED;
                    }
                }
            }
        }
        sc.prefixA = a;
        sc.prefixTop = top;
    }

    /** The recognizers whose gate admits {@code g}, in registry order, as {@link #group} runs them. */
    private static boolean classify(DigitGroup g, boolean highRiskOnly, List<Finding> out) {
        final int s = g.start;
        final int e = g.end;
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
