package dev.clearance.internal.detect.pii;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import dev.clearance.internal.detect.Text;
import java.util.List;
import java.util.Locale;

/**
 * Phone number: a digit group of 7 to 15 digits written as a phone number (after {@code +}, with an area code in
 * parentheses, or in groups of digits), that libphonenumber validates — as an international number after {@code +},
 * else as a national number of one of the region hints (ISO 3166 codes, {@link #DEFAULT_REGIONS} unless configured).
 * The digit-group pass finds the candidates in linear time; libphonenumber only sees a bounded group. Not a date
 * (2024-01-31, 31.01.2024), a number written in thousands (1 000 000) or an SSN-shaped group (3-2-4).
 */
final class Phone implements DigitGroupRecognizer {
    private static final PiiKind KIND = new PiiKind("PHONE_NUMBER", "phone", 0.6, false);
    private static final double INTERNATIONAL = 0.8;
    private static final double POSSIBLE = 0.5;
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    /**
     * libphonenumber calls one pass over a text may make. A call costs tens of microseconds, and a text made of
     * digit groups offers several candidates per group; past the budget a candidate written as a phone number is
     * reported as one without validation (at {@link #POSSIBLE} confidence): more findings, never fewer, and the
     * scan stays linear with a small constant.
     */
    static final int CHECKS_PER_PASS = 2_048;

    /**
     * A pass's validation budget and the results it already has, by number: a text made of digit groups offers the
     * same digits in many candidate windows, and a number is validated once per pass (the regions are the same
     * throughout a pass). Only a validation that calls libphonenumber takes from the budget.
     */
    private static final class Pass {
        int left = CHECKS_PER_PASS;
        final java.util.HashMap<String, Boolean> results = new java.util.HashMap<>();
        /** The region hints the national results were read with. */
        List<String> regions;

        /** Forgets the results when they were read with other hints (a recognizer called outside a pass). */
        Pass readWith(List<String> hints) {
            if (!hints.equals(regions)) {
                results.clear();
                regions = hints;
            }
            return this;
        }
    }

    private static final ThreadLocal<Pass> PASS = ThreadLocal.withInitial(Pass::new);

    /** Gives the current thread's next pass its whole validation budget and forgets the previous pass's results. */
    static void newPass() {
        Pass pass = PASS.get();
        pass.left = CHECKS_PER_PASS;
        if (!pass.results.isEmpty()) {
            pass.results.clear();
        }
    }

    /** Takes one validation from the budget; false when it is spent. */
    private static boolean spend(int calls) {
        Pass pass = PASS.get();
        if (pass.left < calls) {
            pass.left = 0;
            return false;
        }
        pass.left -= calls;
        return true;
    }

    /** The result of {@code check} for {@code key} in this pass, computed (and paid for) once. */
    private static Boolean cached(String key, int calls, java.util.function.Predicate<String> check) {
        Pass pass = PASS.get();
        Boolean known = pass.results.get(key);
        if (known != null) {
            return known;
        }
        if (!spend(calls)) {
            return null;
        }
        Boolean result = check.test(key);
        pass.results.put(key, result);
        return result;
    }

    /** Region hints used unless configured: where most users of the default pack write national numbers. */
    static final List<String> DEFAULT_REGIONS =
            List.of("US", "GB", "DE", "FR", "ES", "IT", "NL", "IN", "CA", "AU", "BR", "CH", "AT", "IE", "BE", "PL");

    private final List<String> regions;

    /** The region hints of the scan running on this thread, set by a {@link PiiDetector} built with its own. */
    private static final ThreadLocal<List<String>> SCAN_REGIONS = new ThreadLocal<>();

    /** Runs {@code scan} with {@code regions} as the hints (null: this recognizer's own), then restores them. */
    static <T> T withRegions(List<String> regions, java.util.function.Supplier<T> scan) {
        List<String> before = SCAN_REGIONS.get();
        SCAN_REGIONS.set(regions);
        try {
            return scan.get();
        } finally {
            if (before == null) {
                SCAN_REGIONS.remove();
            } else {
                SCAN_REGIONS.set(before);
            }
        }
    }

    /**
     * The regions upper-cased and checked.
     *
     * @throws IllegalArgumentException when a region is not one libphonenumber knows (ISO 3166 alpha-2), or the list
     *     is empty
     */
    public static List<String> checkRegions(List<String> regions) {
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("phone regions must not be empty");
        }
        List<String> upper = new java.util.ArrayList<>();
        for (String r : regions) {
            if (r == null) {
                throw new IllegalArgumentException("phone region must not be null");
            }
            String u = r.toUpperCase(Locale.ROOT);
            if (!UTIL.getSupportedRegions().contains(u)) {
                throw new IllegalArgumentException(
                        "unknown phone region (an ISO 3166 alpha-2 code libphonenumber knows, such as GB): " + r);
            }
            if (!upper.contains(u)) {
                upper.add(u);
            }
        }
        return List.copyOf(upper);
    }

    Phone() {
        this(DEFAULT_REGIONS);
    }

    /**
     * @throws IllegalArgumentException when a region is not a region libphonenumber knows
     */
    Phone(List<String> regions) {
        this.regions = checkRegions(regions);
    }

    /** The hints in force: the scan's, else this recognizer's. */
    List<String> regions() {
        List<String> scan = SCAN_REGIONS.get();
        return scan != null ? scan : regions;
    }

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

    /** International or area-code forms are surer; an international number of a possible length only, less so. */
    @Override
    public double confidence(DigitGroup g) {
        if (g.plus) {
            Boolean valid = cached(
                    "c+" + g.digits() + "+" + g.digitsWithoutTrunk(),
                    2,
                    k -> validIn("+" + g.digits(), "ZZ") || validIn("+" + g.digitsWithoutTrunk(), "ZZ"));
            if (valid == null || !valid) {
                return POSSIBLE;
            }
        }
        if (PASS.get().left == 0) {
            return POSSIBLE;
        }
        return g.plus || g.paren ? INTERNATIONAL : KIND.confidence();
    }

    @Override
    public boolean matches(DigitGroup g) {
        return writtenAsPhone(g) && valid(g) || localWithContext(g);
    }

    /**
     * A local number (7 to 10 digits, no area code) that libphonenumber cannot validate without its region's area
     * code: reported only after a word naming a phone ({@link PiiContextWords#words} of {@code PHONE_NUMBER}), in
     * groups of 2 to 4 digits or compact, never in a date or SSN shape ({@code 000-12-3456} stays no phone).
     */
    static boolean localWithContext(DigitGroup g) {
        int dl = g.digitCount();
        if (g.plus || dl < 7 || dl > 10 || DigitGroup.sameDigits(g.digits())) {
            return false;
        }
        String form = g.form();
        if (form.indexOf('/') >= 0 || datePrefix(g.digits(), form) || ssnOrDateShape(form)) {
            return false;
        }
        if (g.sep != 0 && !g.paren) {
            // form.split("[ .-]+"): 2 to 4 groups, each of 2 to 4 digits
            int groups = 0;
            int i = 0;
            int len = form.length();
            if (len == 0 || isGroupSeparator(form.charAt(0))) {
                return false;
            }
            while (i < len) {
                int n = 0;
                while (i < len && !isGroupSeparator(form.charAt(i))) {
                    n = n * 10 + (form.charAt(i) - '0');
                    i++;
                }
                if (n < 2 || n > 4 || ++groups > 4) {
                    return false;
                }
                while (i < len && isGroupSeparator(form.charAt(i))) {
                    i++;
                }
            }
            if (groups < 2) {
                return false;
            }
        }
        return g.after(PHONE_WORDS);
    }

    private static final String[] PHONE_WORDS =
            PiiContextWords.words("PHONE_NUMBER").toArray(new String[0]);

    private static boolean ssnOrDateShape(String form) {
        return form.equals("4-2-2")
                || form.equals("2.2.4")
                || form.equals("4.2.2")
                || form.equals("2-2-4")
                || form.equals("3-2-4")
                || form.equals("3 2 4")
                || form.equals("3.2.4");
    }

    private static boolean writtenAsPhone(DigitGroup g) {
        String form = g.form();
        int dl = g.digitCount();
        if (form.indexOf('/') >= 0) {
            return false;
        }
        if (g.plus) {
            return dl >= 8;
        }
        if (g.paren) {
            return dl <= 13;
        }
        if (dl > 13) {
            return false;
        }
        if (g.sep == 0 || twoPieces(form)) {
            // compact: only a national number with its trunk prefix (0...) reads as a phone
            return dl >= 9 && g.digits().charAt(0) == '0';
        }
        if (datePrefix(g.digits(), form)) {
            return false;
        }
        // the groups of form.split("[ .-]+"), read without splitting
        int len = form.length();
        if (len == 0 || isGroupSeparator(form.charAt(0))) {
            return false;
        }
        int groups = 0;
        int maxGroup = 0;
        boolean thousands = true;
        int i = 0;
        while (i < len) {
            int n = 0;
            while (i < len && !isGroupSeparator(form.charAt(i))) {
                n = n * 10 + (form.charAt(i) - '0');
                i++;
            }
            maxGroup = Math.max(maxGroup, n);
            thousands &= groups == 0 ? n <= 3 : n == 3;
            groups++;
            while (i < len && isGroupSeparator(form.charAt(i))) {
                i++;
            }
        }
        if (groups < 2 || maxGroup > 8) {
            return false;
        }
        if (groups == 3
                && (form.equals("4-2-2")
                        || form.equals("2.2.4")
                        || form.equals("4.2.2")
                        || form.equals("2-2-4")
                        || form.equals("3-2-4"))) {
            return false;
        }
        return !(thousands && !g.mixed && g.sep != '-');
    }

    /** What {@code form.split("[ .-]+")} would split at (a form holds digits and separators only). */
    private static boolean isGroupSeparator(char c) {
        return c == ' ' || c == '.' || c == '-';
    }

    /** Two pieces only ({@code 5 4}, {@code 5-3}): a postcode and a house number as often as a phone. */
    private static boolean twoPieces(String form) {
        int seps = 0;
        for (int i = 0; i < form.length(); i++) {
            seps += Text.isDigit(form.charAt(i)) ? 0 : 1;
        }
        return seps == 1;
    }

    /** A date at the start ({@code 2024-01-31 10}, a date and an hour): not a phone number. */
    private static boolean datePrefix(String digits, String form) {
        if (!(form.startsWith("4-2-2") || form.startsWith("4.2.2") || form.startsWith("4/2/2"))) {
            return false;
        }
        int month = Integer.parseInt(digits.substring(4, 6));
        int day = Integer.parseInt(digits.substring(6, 8));
        return month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }

    private boolean valid(DigitGroup g) {
        List<String> regions = regions();
        PASS.get().readWith(regions);
        Boolean valid = g.plus
                ? cached(
                        "+" + g.digits() + "+" + g.digitsWithoutTrunk(),
                        2,
                        // written as an international number: the country code and the length per that country must fit
                        k -> possibleIn("+" + g.digits()) || possibleIn("+" + g.digitsWithoutTrunk()))
                : cached(g.digits(), regions.size(), k -> validInAny(k, regions));
        // null: the budget is spent; fail closed: written as a phone number, reported unvalidated
        return valid == null || valid;
    }

    private static boolean validInAny(String digits, List<String> regions) {
        for (String region : regions) {
            if (validIn(digits, region)) {
                return true;
            }
        }
        return false;
    }

    private static boolean possibleIn(String number) {
        try {
            Phonenumber.PhoneNumber parsed = UTIL.parse(number, "ZZ");
            return UTIL.isPossibleNumberWithReason(parsed) == PhoneNumberUtil.ValidationResult.IS_POSSIBLE
                    && UTIL.getRegionCodeForCountryCode(parsed.getCountryCode()) != null
                    && !"ZZ".equals(UTIL.getRegionCodeForCountryCode(parsed.getCountryCode()));
        } catch (NumberParseException e) {
            return false;
        }
    }

    private static boolean validIn(String number, String region) {
        try {
            Phonenumber.PhoneNumber parsed = UTIL.parse(number, region);
            return UTIL.isValidNumber(parsed);
        } catch (NumberParseException e) {
            return false;
        }
    }
}
