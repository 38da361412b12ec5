package dev.clearance.internal.detect.pii;

import dev.clearance.Finding;
import dev.clearance.internal.detect.Text;
import java.util.List;

/** Singapore NRIC/FIN: S, T, F, G or M, 7 digits and a check letter; 9 chars, upper case. */
final class SgNric implements WordRecognizer {
    private static final PiiKind KIND = new PiiKind("SG_NRIC_FIN", "sg-nric", 0.85, true);
    private static final int[] WEIGHTS = {2, 7, 6, 5, 4, 3, 2};

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
        String w = text.substring(s, e);
        if ("STFGM".indexOf(w.charAt(0)) >= 0
                && w.substring(1, 8).chars().allMatch(Text::isDigitInt)
                && Text.isUpper(w.charAt(8))
                && valid(w)) {
            out.add(KIND.at(s, e));
        }
    }

    static boolean valid(String s) {
        if (s.length() != 9) {
            return false;
        }
        char p = s.charAt(0);
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            sum += (s.charAt(i + 1) - '0') * WEIGHTS[i];
        }
        if (p == 'T' || p == 'G') {
            sum += 4;
        } else if (p == 'M') {
            sum += 3;
        }
        int r = sum % 11;
        String table;
        if (p == 'S' || p == 'T') {
            table = "JZIHGFEDCBA";
        } else if (p == 'F' || p == 'G') {
            table = "XWUTRQPNMLK";
        } else if (p == 'M') {
            table = "KLJNPQRTUWX";
            r = 10 - r;
        } else {
            return false;
        }
        return table.charAt(r) == s.charAt(8);
    }
}
