package dev.clearance.internal.detect.pii;

import dev.clearance.internal.detect.Checksums;

/**
 * Payment card number: 13 to 19 digits, a known leading digit, Luhn; compact, in groups of four (spaces, hyphens
 * or dots) or in the 4-6-5 / 4-6-4 grouping of 15- and 14-digit cards.
 */
final class CreditCard implements DigitGroupRecognizer {
    private static final PiiKind KIND = new PiiKind("CREDIT_CARD", "credit-card", 0.9, true);

    @Override
    public PiiKind kind() {
        return KIND;
    }

    @Override
    public int minDigits() {
        return 13;
    }

    @Override
    public int maxDigits() {
        return 19;
    }

    @Override
    public boolean matches(DigitGroup g) {
        boolean cardSeparators =
                g.plain() && (g.sep == 0 || !g.mixed && (g.sep == ' ' || g.sep == '-' || g.sep == '.'));
        // the shape before the check digits: it costs no string
        return cardSeparators && (g.sep == 0 || groupsOf(g, 4) || g.sep != '.' && amexOrDiners(g)) && valid(g.digits());
    }

    /**
     * The 4-6-5 grouping of 15-digit cards and the 4-6-4 grouping of 14-digit ones: {@code form.split("[ -]")} is
     * {@code 4, 6, 5} or {@code 4, 6, 4}, read without splitting.
     */
    private static boolean amexOrDiners(DigitGroup form) {
        int end = form.formLength();
        while (end > 0 && (form.formChar(end - 1) == ' ' || form.formChar(end - 1) == '-')) {
            end--; // split drops trailing empty parts
        }
        if (end != 5) {
            return false;
        }
        char s1 = form.formChar(1);
        char s2 = form.formChar(3);
        char last = form.formChar(4);
        return form.formChar(0) == '4'
                && (s1 == ' ' || s1 == '-')
                && form.formChar(2) == '6'
                && (s2 == ' ' || s2 == '-')
                && (last == '5' || last == '4');
    }

    static boolean valid(String d) {
        int n = d.length();
        char first = d.charAt(0);
        boolean issuer = first >= '2' && first <= '6' || first == '1' && n == 15;
        return n >= 13 && n <= 19 && issuer && !DigitGroup.sameDigits(d) && Checksums.luhn(d);
    }

    /**
     * Three groups or more of {@code size} digits (a single-digit size), the last one possibly of 1 or 2: the parts
     * of {@code form.split("[ .-]")}, read without splitting.
     */
    private static boolean groupsOf(DigitGroup form, int size) {
        int end = form.formLength();
        while (end > 0 && isCardSeparator(form.formChar(end - 1))) {
            end--; // split drops trailing empty parts
        }
        if (end == 0) {
            return false;
        }
        char want = (char) ('0' + size);
        int parts = 0;
        int p = 0;
        while (true) {
            int q = p;
            while (q < end && !isCardSeparator(form.formChar(q))) {
                q++;
            }
            parts++;
            boolean isSize = q - p == 1 && form.formChar(p) == want;
            if (!isSize && !(q == end && q - p <= 2)) {
                return false;
            }
            if (q == end) {
                return parts >= 3;
            }
            p = q + 1;
        }
    }

    private static boolean isCardSeparator(char c) {
        return c == ' ' || c == '.' || c == '-';
    }
}
