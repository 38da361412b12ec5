package dev.clearance.internal.detect.pii;

import dev.clearance.Finding;
import dev.clearance.internal.detect.Text;
import java.util.List;
import java.util.Locale;

/** Spanish NIE: X, Y or Z (read as 0, 1, 2), 7 digits and the NIF letter; optional hyphens, any case. */
final class EsNie implements WordRecognizer {
    private static final PiiKind KIND = new PiiKind("ES_NIE", "es-nie", 0.85, true);

    @Override
    public PiiKind kind() {
        return KIND;
    }

    @Override
    public int minLength() {
        return 9;
    }

    @Override
    public int maxLength() {
        return 11;
    }

    @Override
    public void find(String text, int s, int e, List<Finding> out) {
        int ascii = asciiFind(text, s, e);
        if (ascii >= 0) {
            if (ascii == 1) {
                out.add(KIND.at(s, e));
            }
            return;
        }
        String u = text.substring(s, e).toUpperCase(Locale.ROOT);
        char letter = u.charAt(u.length() - 1);
        if (!Text.isUpper(letter)) {
            return;
        }
        String body = EsNif.body(u);
        if (body.length() == 8 && "XYZ".indexOf(body.charAt(0)) >= 0 && body.charAt(1) == '-') {
            body = body.charAt(0) + body.substring(2);
        }
        if (body.length() == 8
                && body.substring(1).chars().allMatch(Text::isDigitInt)
                && valid(body.charAt(0), body.substring(1), letter)) {
            out.add(KIND.at(s, e));
        }
    }

    /**
     * The same test as {@link #find} without allocating, for a word of ASCII chars only (whose upper case has its
     * length): 1 when it is a NIE, 0 when not, -1 when the word holds another char (the caller then upper-cases it).
     */
    private static int asciiFind(String text, int s, int e) {
        for (int i = s; i < e; i++) {
            if (text.charAt(i) >= 128) {
                return -1;
            }
        }
        char letter = EsNif.upper(text.charAt(e - 1));
        if (!Text.isUpper(letter)) {
            return 0;
        }
        int bodyEnd = text.charAt(e - 2) == '-' ? e - 2 : e - 1;
        int p = "XYZ".indexOf(EsNif.upper(text.charAt(s)));
        // as find reads it: a hyphen after the prefix leaves a body of the wrong length
        int digits = s + 1;
        if (bodyEnd - s != 8 || p < 0) {
            return 0;
        }
        long value = p;
        for (int i = digits; i < bodyEnd; i++) {
            char c = text.charAt(i);
            if (!Text.isDigit(c)) {
                return 0;
            }
            value = value * 10 + (c - '0');
        }
        return EsNif.letterOf(value) == letter ? 1 : 0;
    }

    static boolean valid(char prefix, String digits, char letter) {
        int p = "XYZ".indexOf(prefix);
        return p >= 0 && digits.length() == 7 && EsNif.valid(p + digits, letter);
    }
}
