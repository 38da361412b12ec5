package dev.clearance.internal.detect.pii;

import dev.clearance.Finding;
import dev.clearance.internal.detect.Text;
import java.util.List;

/**
 * Indian Permanent Account Number: five letters, four digits, a letter; the fourth letter is the holder's status
 * (P person, C company, H Hindu undivided family, A association, B body of individuals, G government, J artificial
 * juridical person, L local authority, F firm, T trust).
 */
final class InPan implements WordRecognizer {
    private static final PiiKind KIND = new PiiKind("IN_PAN", "in-pan", 0.8, true);

    @Override
    public PiiKind kind() {
        return KIND;
    }

    @Override
    public int minLength() {
        return 10;
    }

    @Override
    public int maxLength() {
        return 10;
    }

    @Override
    public boolean alnumOnly() {
        return true;
    }

    @Override
    public void find(String text, int s, int e, List<Finding> out) {
        if (valid(text.substring(s, e))) {
            out.add(KIND.at(s, e));
        }
    }

    static boolean valid(String w) {
        if (w.length() != 10) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            char c = w.charAt(i);
            boolean digit = i >= 5 && i < 9;
            if (digit ? !Text.isDigit(c) : !Text.isUpper(c)) {
                return false;
            }
        }
        return "PCHABGJLFT".indexOf(w.charAt(3)) >= 0 && !DigitGroup.sameDigits(w.substring(5, 9));
    }
}
