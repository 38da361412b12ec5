package dev.clearance.internal.detect.pii;

import dev.clearance.Finding;
import dev.clearance.internal.detect.Text;
import java.util.List;

/**
 * US driver's licence number: the states use 1 to 3 letters and 4 to 14 digits, or digits only; no check digit, so
 * a word of 5 to 15 upper-case letters and digits, at least four of them digits, is reported after "driver's
 * license", "driver license", "driving licence" or "DL" only.
 */
final class UsDriverLicense implements WordRecognizer {
    private static final PiiKind KIND = new PiiKind("US_DRIVER_LICENSE", "us-driver-license", 0.5, true);

    @Override
    public PiiKind kind() {
        return KIND;
    }

    @Override
    public int minLength() {
        return 5;
    }

    @Override
    public int maxLength() {
        return 15;
    }

    @Override
    public boolean alnumOnly() {
        return true;
    }

    @Override
    public void find(String text, int s, int e, List<Finding> out) {
        if (valid(text, s, e) && PiiContextWords.gate("US_DRIVER_LICENSE", text, s)) {
            out.add(KIND.at(s, e));
        }
    }

    static boolean valid(String text, int s, int e) {
        int letters = 0;
        int digits = 0;
        for (int i = s; i < e; i++) {
            char c = text.charAt(i);
            if (Text.isDigit(c)) {
                digits++;
            } else if (Text.isUpper(c) && digits == 0) {
                letters++;
            } else {
                return false;
            }
        }
        return letters <= 3 && digits >= 4;
    }
}
