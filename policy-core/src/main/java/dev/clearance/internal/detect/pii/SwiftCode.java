package dev.clearance.internal.detect.pii;

import dev.clearance.Finding;
import dev.clearance.internal.detect.Text;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SWIFT/BIC code (ISO 9362): four letters (the bank), an ISO 3166 country code, two letters or digits (the
 * location), optionally three more (the branch). Upper-case words of letters only are ordinary shouting more often
 * than bank codes (and the word pass does not look at them), so a code is reported when it holds a digit. It names
 * a bank, not a person: not high-risk.
 */
final class SwiftCode implements WordRecognizer {
    private static final PiiKind KIND = new PiiKind("SWIFT_CODE", "swift-code", 0.7, false);
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

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
    public boolean alnumOnly() {
        return true;
    }

    @Override
    public void find(String text, int s, int e, List<Finding> out) {
        String w = text.substring(s, e);
        if (valid(w) && hasDigit(w)) {
            out.add(KIND.at(s, e));
        }
    }

    private static boolean hasDigit(String w) {
        for (int i = 0; i < w.length(); i++) {
            if (Text.isDigit(w.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    static boolean valid(String w) {
        if (w.length() != 8 && w.length() != 11) {
            return false;
        }
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (i < 6 ? !Text.isUpper(c) : !Text.isUpper(c) && !Text.isDigit(c)) {
                return false;
            }
        }
        return COUNTRIES.contains(w.substring(4, 6));
    }
}
