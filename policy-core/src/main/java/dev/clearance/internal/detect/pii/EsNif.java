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
