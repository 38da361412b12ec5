package dev.clearance.internal.detect.pii;

/**
 * Phone number: 8 to 15 digits after {@code +}, 7 to 13 with an area code in parentheses, else 7 to 13 in groups
 * of at most 5 digits; not a date (2024-01-31, 31.01.2024) nor a number written in thousands (1 000 000).
 */
final class Phone implements DigitGroupRecognizer {
    private static final PiiKind KIND = new PiiKind("PHONE_NUMBER", "phone", 0.6, false);
    private static final double INTERNATIONAL = 0.8;

    @Override
    public PiiKind kind() {
        return KIND;
    }

    @Override
    public int minDigits() {
        return 7;
    }

    @Override
    public int maxDigits() {
        return 15;
    }

    @Override
    public double confidence(DigitGroup g) {
        return g.plus || g.paren ? INTERNATIONAL : KIND.confidence();
    }

    @Override
    public boolean matches(DigitGroup g) {
        String form = g.form;
        int dl = g.digitCount();
        if (form.indexOf('/') >= 0) {
            return false;
        }
        if (g.plus) {
            return dl >= 8 && dl <= 15;
        }
        if (g.paren) {
            return dl >= 7 && dl <= 13;
        }
        if (g.sep == 0 || dl < 7 || dl > 13) {
            return false;
        }
        String[] groups = form.split("[ .-]+");
        if (groups.length < 2 || groups[0].isEmpty()) {
            return false;
        }
        int maxGroup = 0;
        for (String group : groups) {
            maxGroup = Math.max(maxGroup, Integer.parseInt(group));
        }
        if (maxGroup > 5) {
            return false;
        }
        if (groups.length == 3
                && (form.equals("4-2-2") || form.equals("2.2.4") || form.equals("4.2.2") || form.equals("2-2-4"))) {
            return false;
        }
        boolean thousands = Integer.parseInt(groups[0]) <= 3;
        for (int k = 1; k < groups.length; k++) {
            thousands &= groups[k].equals("3");
        }
        return !(thousands && !g.mixed && g.sep != '-');
    }
}
