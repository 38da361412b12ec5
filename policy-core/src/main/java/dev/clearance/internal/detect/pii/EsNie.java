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

    static boolean valid(char prefix, String digits, char letter) {
        int p = "XYZ".indexOf(prefix);
        return p >= 0 && digits.length() == 7 && EsNif.valid(p + digits, letter);
    }
}
