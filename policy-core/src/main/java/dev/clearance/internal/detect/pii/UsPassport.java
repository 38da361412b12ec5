package dev.clearance.internal.detect.pii;

import dev.clearance.Finding;
import dev.clearance.internal.detect.Text;
import java.util.List;

/**
 * US passport number: 9 digits, or a letter and 8 digits (next-generation books). No check digit: reported after
 * "passport" only.
 */
final class UsPassport implements WordRecognizer {
    private static final PiiKind KIND = new PiiKind("US_PASSPORT", "us-passport", 0.6, true);

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
        return 9;
    }

    @Override
    public boolean alnumOnly() {
        return true;
    }

    @Override
    public void find(String text, int s, int e, List<Finding> out) {
        if (valid(text.substring(s, e)) && PiiContextWords.gate("US_PASSPORT", text, s)) {
            out.add(KIND.at(s, e));
        }
    }

    static boolean valid(String w) {
        if (w.length() != 9 || !Text.isDigit(w.charAt(0)) && !Text.isUpper(w.charAt(0))) {
            return false;
        }
        for (int i = 1; i < 9; i++) {
            if (!Text.isDigit(w.charAt(i))) {
                return false;
            }
        }
        return !DigitGroup.sameDigits(w.substring(1));
    }
}
