package dev.clearance.internal.detect.pii;

import dev.clearance.Finding;
import dev.clearance.internal.detect.Text;
import java.util.List;

/** Italian codice fiscale: 16 upper-case chars (omocodia letters allowed in the digit places), check letter. */
final class ItFiscalCode implements WordRecognizer {
    private static final PiiKind KIND = new PiiKind("IT_FISCAL_CODE", "it-fiscal-code", 0.9, true);
    private static final String SHAPE = "LLLLLLNNLNNLNNNL";
    private static final int[] ODD = {
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23
    };

    @Override
    public PiiKind kind() {
        return KIND;
    }

    @Override
    public int minLength() {
        return 16;
    }

    @Override
    public int maxLength() {
        return 16;
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

    static boolean valid(String s) {
        if (s.length() != 16) {
            return false;
        }
        for (int i = 0; i < 16; i++) {
            char c = s.charAt(i);
            boolean ok = SHAPE.charAt(i) == 'L' ? Text.isUpper(c) : Text.isDigit(c) || "LMNPQRSTUV".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        if ("ABCDEHLMPRST".indexOf(s.charAt(8)) < 0) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            char c = s.charAt(i);
            int v = Text.isDigit(c) ? c - '0' : c - 'A';
            sum += (i % 2 == 0) ? ODD[v] : v;
        }
        return (char) ('A' + sum % 26) == s.charAt(15);
    }
}
