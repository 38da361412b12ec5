package dev.clearance.internal.detect.pii;

import dev.clearance.Finding;
import dev.clearance.internal.detect.ScanText;
import dev.clearance.internal.detect.Text;
import java.util.List;

/**
 * The word pass: words split at whitespace and brackets, each looked at once. Words that may hold something go to
 * IPv6 and MAC checks, bare domains and the {@link WordRecognizer}s whose length gate admits them (a table from
 * length to recognizers, built once). Every check needs a digit, a colon, a dot or a hyphen in the word, except
 * the Italian fiscal code (16 upper-case chars with omocodia letters), so words of plain letters are skipped
 * without a second look.
 */
final class WordPass {
    /** Longest word looked at. */
    static final int MAX_WORD = 80;

    private static final WordRecognizer[][] BY_LENGTH = PiiRecognizers.byLength(MAX_WORD);

    private WordPass() {}

    private static boolean isWordBreakSlow(char c) {
        return Character.isWhitespace(c)
                || c == '"'
                || c == '\''
                || c == '`'
                || c == '('
                || c == ')'
                || c == '['
                || c == ']'
                || c == '{'
                || c == '}'
                || c == '<'
                || c == '>'
                || c == ','
                || c == ';'
                || c == '=';
    }

    // Per-char classes for the word pass (ASCII; other chars are looked up the slow way).
    private static final int BREAK = 1;
    private static final int DIGIT = 2;
    private static final int COLON = 4;
    private static final int DOT = 8;
    private static final int DASH = 16;
    private static final int UPPER = 32;
    private static final int TRIM = 64; // trailing punctuation trimmed off a word: . : ! ?
    /** Chars that can make a word worth a closer look (see {@link #words}). */
    private static final int TRIGGERS = DIGIT | COLON | DOT | DASH;

    private static final byte[] WORD_CLASS = new byte[128];

    static {
        for (char c = 0; c < 128; c++) {
            int k = 0;
            if (isWordBreakSlow(c)) {
                k |= BREAK;
            }
            if (Text.isDigit(c)) {
                k |= DIGIT;
            }
            if (c == ':') {
                k |= COLON;
            }
            if (c == '.') {
                k |= DOT;
            }
            if (c == '-') {
                k |= DASH;
            }
            if (Text.isUpper(c)) {
                k |= UPPER;
            }
            if (c == '.' || c == ':' || c == '!' || c == '?') {
                k |= TRIM;
            }
            WORD_CLASS[c] = (byte) k;
        }
    }

    private static int wordClass(char c) {
        if (c < 128) {
            return WORD_CLASS[c];
        }
        // every check in word() wants ASCII digits, letters and punctuation: other chars trigger nothing
        return isWordBreakSlow(c) ? BREAK : 0;
    }

    /** Growable list of {@code [start, end)} pairs. */
    static final class Spans {
        int[] pairs = new int[64];
        int size;

        void add(int start, int end) {
            if (size + 2 > pairs.length) {
                pairs = java.util.Arrays.copyOf(pairs, pairs.length * 2);
            }
            pairs[size++] = start;
            pairs[size++] = end;
        }
    }

    private static int cls(char c) {
        return c < 128 ? WORD_CLASS[c] : wordClass(c);
    }

    /**
     * Also collects, in {@code digitWords}, the raw words holding a digit: where {@link DigitGroupPass#numbers} must
     * look. One pass over a copy of the chars (a class-table lookup per ASCII char); a word is looked at again only
     * when its classes hold a trigger.
     */
    static long words(ScanText shared, List<Finding> out, Spans digitWords) {
        long work = 0;
        final byte[] table = WORD_CLASS;
        final String text = shared.string();
        final char[] chars = shared.chars();
        int n = chars.length;
        int i = 0;
        while (i < n) {
            char c = chars[i];
            int k = c < 128 ? table[c] : wordClass(c);
            if ((k & BREAK) != 0) {
                i++;
                continue;
            }
            int s = i;
            int all = 0; // classes of every char of the word
            do {
                all |= k;
                if (++i >= n) {
                    break;
                }
                c = chars[i];
                k = c < 128 ? table[c] : wordClass(c);
            } while ((k & BREAK) == 0);
            if ((all & DIGIT) != 0) {
                digitWords.add(s, i);
            }
            if ((all & TRIGGERS) == 0 && ((all & UPPER) == 0 || i - s < 16)) {
                continue;
            }
            if ((all & (DIGIT | DASH)) == 0
                    && ((all & UPPER) == 0 || i - s < 16)
                    && !triggersBeforeTrim(chars, s, i, all)) {
                continue; // the only dot or colon is trailing punctuation ("users.")
            }
            int e = i;
            while (e > s
                    && (cls(chars[e - 1]) & TRIM) != 0
                    && !(e - s >= 2 && chars[e - 2] == ':' && chars[e - 1] == ':')) {
                e--;
            }
            if (e > s && e - s <= MAX_WORD) {
                work += e - s;
                word(text, chars, s, e, out);
            }
        }
        return work;
    }

    /**
     * Whether a dot occurs before the trailing {@code .:!?} run of {@code [s, e)} or a colon anywhere in it
     * ({@code all}: the classes of its chars).
     */
    private static boolean triggersBeforeTrim(char[] chars, int s, int e, int all) {
        if ((all & COLON) != 0) {
            return true;
        }
        int t = e;
        while (t > s && (cls(chars[t - 1]) & TRIM) != 0) {
            t--;
        }
        for (int j = s; j < t; j++) {
            if (chars[j] == '.') {
                return true;
            }
        }
        return false;
    }

    private static void word(String text, char[] chars, int s, int e, List<Finding> out) {
        int at = e - 1;
        while (at >= s && chars[at] != '@') {
            at--;
        }
        if (at >= s) {
            s = at + 1;
            if (s >= e) {
                return;
            }
        }
        boolean colon = false;
        boolean dot = false;
        boolean alnumOnly = true;
        for (int i = s; i < e; i++) {
            char c = chars[i];
            colon |= c == ':';
            dot |= c == '.';
            alnumOnly &= Text.isAsciiAlnum(c);
        }
        if (colon) {
            if (NetworkIds.ipv6(text, s, e)) {
                out.add(NetworkIds.IPV6.at(s, e));
            } else if (NetworkIds.mac(text, s, e, ':') && !NetworkIds.uniformMac(text, s, e)) {
                out.add(NetworkIds.MAC.at(s, e));
            }
            return;
        }
        if ((NetworkIds.mac(text, s, e, '-') || NetworkIds.cisco(text, s, e)) && !NetworkIds.uniformMac(text, s, e)) {
            out.add(NetworkIds.MAC.at(s, e));
            return;
        }
        if (dot && !containsScheme(text, s, e) && at < 0) {
            Domains.bareDomain(text, s, e, out);
        }
        identifiers(text, s, e, alnumOnly, out);
    }

    private static boolean containsScheme(String text, int s, int e) {
        for (int i = Text.indexOf(text, ':', s, e); i >= 0; i = Text.indexOf(text, ':', i + 1, e)) {
            if (text.startsWith("//", i + 1)) {
                return true;
            }
        }
        return false;
    }

    /** The recognizers whose gate admits the word {@code [s, e)}, in registry order. */
    private static void identifiers(String text, int s, int e, boolean alnumOnly, List<Finding> out) {
        for (WordRecognizer r : BY_LENGTH[e - s]) {
            if (alnumOnly || !r.alnumOnly()) {
                r.find(text, s, e, out);
            }
        }
    }
}
