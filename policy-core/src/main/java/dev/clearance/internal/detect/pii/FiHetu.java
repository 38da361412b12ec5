package dev.clearance.internal.detect.pii;

import dev.clearance.Finding;
import dev.clearance.internal.detect.Text;
import java.util.List;

/** Finnish henkilötunnus: ddmmyy, century sign, individual number, check character (mod 31); 11 chars. */
final class FiHetu implements WordRecognizer {
    private static final PiiKind KIND = new PiiKind("FI_PERSONAL_IDENTITY_CODE", "fi-hetu", 0.9, true);
    private static final int[] DAYS = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    @Override
    public PiiKind kind() {
        return KIND;
    }

    @Override
    public int minLength() {
        return 11;
    }

    @Override
    public int maxLength() {
        return 11;
    }

    @Override
    public void find(String text, int s, int e, List<Finding> out) {
        if (valid(text.substring(s, e))) {
            out.add(KIND.at(s, e));
        }
    }

    static boolean valid(String s) {
        if (s.length() != 11 || "+-ABCDEFUVWXY".indexOf(s.charAt(6)) < 0) {
            return false;
        }
        String digits = s.substring(0, 6) + s.substring(7, 10);
        for (int i = 0; i < digits.length(); i++) {
            if (!Text.isDigit(digits.charAt(i))) {
                return false;
            }
        }
        int day = Integer.parseInt(s.substring(0, 2));
        int month = Integer.parseInt(s.substring(2, 4));
        if (month < 1 || month > 12 || day < 1 || day > DAYS[month - 1]) {
            return false;
        }
        return "0123456789ABCDEFHJKLMNPRSTUVWXY".charAt((int) (Long.parseLong(digits) % 31)) == s.charAt(10);
    }
}
