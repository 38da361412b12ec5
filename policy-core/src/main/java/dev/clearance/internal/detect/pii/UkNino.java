package dev.clearance.internal.detect.pii;

import dev.clearance.Finding;
import dev.clearance.internal.detect.Text;
import java.util.List;
import java.util.Set;

/**
 * UK National Insurance number (HMRC NIM39110): two prefix letters (not D, F, I, Q, U, V; the second not O; not BG,
 * GB, KN, NK, NT, TN, ZZ), six digits, a suffix letter A to D; written compact.
 */
final class UkNino implements WordRecognizer {
    private static final PiiKind KIND = new PiiKind("UK_NINO", "uk-nino", 0.85, true);
    private static final Set<String> NOT_ALLOCATED = Set.of("BG", "GB", "KN", "NK", "NT", "TN", "ZZ");

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
        if (valid(text.substring(s, e))) {
            out.add(KIND.at(s, e));
        }
    }

    static boolean valid(String w) {
        if (w.length() != 9) {
            return false;
        }
        char a = w.charAt(0);
        char b = w.charAt(1);
        if (!Text.isUpper(a) || !Text.isUpper(b) || "DFIQUV".indexOf(a) >= 0 || "DFIOQUV".indexOf(b) >= 0) {
            return false;
        }
        if (NOT_ALLOCATED.contains(w.substring(0, 2))) {
            return false;
        }
        for (int i = 2; i < 8; i++) {
            if (!Text.isDigit(w.charAt(i))) {
                return false;
            }
        }
        return "ABCD".indexOf(w.charAt(8)) >= 0;
    }
}
