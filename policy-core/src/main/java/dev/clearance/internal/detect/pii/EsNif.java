package dev.clearance.internal.detect.pii;

import dev.clearance.Finding;
import dev.clearance.internal.detect.Text;
import java.util.List;
import java.util.Locale;

/** Spanish DNI/NIF: 7 or 8 digits and the letter of their value mod 23, optional hyphen, any case. */
final class EsNif implements WordRecognizer {
    private static final PiiKind KIND = new PiiKind("ES_NIF", "es-nif", 0.85, true);
    private static final String LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

    @Override
    public PiiKind kind() {
        return KIND;
    }

    @Override
    public int minLength() {
        return 8;
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
        String body = body(u);
        if ((body.length() == 7 || body.length() == 8)
                && body.chars().allMatch(Text::isDigitInt)
                && valid(body.length() == 7 ? "0" + body : body, letter)) {
            out.add(KIND.at(s, e));
        }
    }

    /**
     * The same test as {@link #find} without allocating, for a word of ASCII chars only (whose upper case has its
     * length): 1 when it is a NIF, 0 when not, -1 when the word holds another char (the caller then upper-cases it).
     */
    private static int asciiFind(String text, int s, int e) {
        for (int i = s; i < e; i++) {
            if (text.charAt(i) >= 128) {
                return -1;
            }
        }
        char letter = upper(text.charAt(e - 1));
        if (!Text.isUpper(letter)) {
            return 0;
        }
        int bodyEnd = text.charAt(e - 2) == '-' ? e - 2 : e - 1;
        int len = bodyEnd - s;
        if (len != 7 && len != 8) {
            return 0;
        }
        long value = 0;
        for (int i = s; i < bodyEnd; i++) {
            char c = text.charAt(i);
            if (!Text.isDigit(c)) {
                return 0;
            }
            value = value * 10 + (c - '0');
        }
        return letterOf(value) == letter ? 1 : 0;
    }

    static char upper(char c) {
        return c >= 'a' && c <= 'z' ? (char) (c - 32) : c;
    }

    /** The control letter of a DNI number. */
    static char letterOf(long value) {
        return LETTERS.charAt((int) (value % 23));
    }

    /** The upper-cased word without its last letter and the hyphen before it, if any. */
    static String body(String u) {
        int last = u.length() - 1;
        return u.charAt(last - 1) == '-' ? u.substring(0, last - 1) : u.substring(0, last);
    }

    /** 8 digits and the letter of their value mod 23. */
    static boolean valid(String digits, char letter) {
        return digits.length() == 8 && LETTERS.charAt((int) (Long.parseLong(digits) % 23)) == letter;
    }
}
