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
        /** The results of the numbers with a {@link #key}: the same as {@link #results}, without a string per look. */
        final NumberResults numbers = new NumberResults();
        /** The region hints the national results were read with. */
        List<String> regions;
        /**
         * The last number after {@code +} parsed without a region, and the parse (null: not a number): a number's
         * possible-length check and its confidence's validation read the same parse.
         */
        String parsedNumber;

        Phonenumber.PhoneNumber parsed;

        /** Forgets the results when they were read with other hints (a recognizer called outside a pass). */
        Pass readWith(List<String> hints) {
            if (!hints.equals(regions)) {
                results.clear();
                numbers.clear();
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
        pass.numbers.clear();
        pass.parsedNumber = null;
        pass.parsed = null;
    }

    /**
     * Open-addressing map from a number {@link #key} (never 0) to a result: a pass looks its candidates up without
     * making strings of them.
     */
    static final class NumberResults {
        private long[] keys = new long[64];
        private boolean[] values = new boolean[64];
        private int size;

        /** 1: true, 0: false, -1: not known. */
        int get(long key) {
            int mask = keys.length - 1;
            for (int i = slot(key, mask); ; i = (i + 1) & mask) {
                if (keys[i] == key) {
                    return values[i] ? 1 : 0;
                }
                if (keys[i] == 0) {
                    return -1;
                }
            }
        }

        void put(long key, boolean value) {
            if (2 * (size + 1) > keys.length) {
                long[] oldKeys = keys;
                boolean[] oldValues = values;
                keys = new long[oldKeys.length * 2];
                values = new boolean[oldKeys.length * 2];
                size = 0;
                for (int i = 0; i < oldKeys.length; i++) {
                    if (oldKeys[i] != 0) {
                        put(oldKeys[i], oldValues[i]);
                    }
                }
            }
            int mask = keys.length - 1;
            int i = slot(key, mask);
            while (keys[i] != 0 && keys[i] != key) {
                i = (i + 1) & mask;
            }
            if (keys[i] == 0) {
                size++;
            }
            keys[i] = key;
            values[i] = value;
        }

        void clear() {
            if (size == 0) {
                return;
            }
            if (keys.length > 1024) {
                keys = new long[64]; // a text of many numbers does not keep its table for the next
                values = new boolean[64];
            } else {
                java.util.Arrays.fill(keys, 0);
            }
            size = 0;
        }

        private static int slot(long key, int mask) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h >>> 40) & mask;
        }
    }

    /** Key tags: a national number, a number after {@code +}, the confidence of a number after {@code +}. */
    private static final int NATIONAL = 1;

    private static final int INTERNATIONAL_KEY = 2;
    private static final int CONFIDENCE_KEY = 3;

    /**
     * The digits of {@code g} as a key (their value, their count and {@code tag}; never 0), or 0 where a string
     * key is kept: more than 15 digits, or a trunk prefix in parentheses after {@code +} (two readings).
     */
    private static long key(DigitGroup g, int tag) {
        int n = g.digitCount();
        if (n > 15 || n == 0 || tag != NATIONAL && g.trunk()) {
            return 0;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = v * 10 + (g.digitAt(i) - '0');
        }
        return v << 8 | (long) n << 2 | tag;
    }

    /** {@link #cached(String, int, java.util.function.Predicate)} under a number key. */
    private static Boolean cached(long key, int calls, java.util.function.BooleanSupplier check) {
        Pass pass = PASS.get();
        int known = pass.numbers.get(key);
        if (known >= 0) {
            return known == 1;
        }
        if (!spend(calls)) {
            return null;
        }
        boolean result = check.getAsBoolean();
        pass.numbers.put(key, result);
        return result;
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
            long key = key(g, CONFIDENCE_KEY);
            Boolean valid = key != 0
                    ? cached(key, 2, () -> validInternational("+" + g.digits()))
                    : cached(
                            "c+" + g.digits() + "+" + g.digitsWithoutTrunk(),
                            2,
                            k -> validInternational("+" + g.digits())
                                    || validInternational("+" + g.digitsWithoutTrunk()));
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
        if (g.plus || dl < 7 || dl > 10 || g.sameDigits()) {
            return false;
        }
        if (g.formHas('/') || datePrefix(g) || ssnOrDateShape(g)) {
            return false;
        }
        if (g.sep != 0 && !g.paren) {
            // form.split("[ .-]+"): 2 to 4 groups, each of 2 to 4 digits
            int groups = 0;
            int i = 0;
            int len = g.formLength();
            if (len == 0 || isGroupSeparator(g.formChar(0))) {
                return false;
            }
            while (i < len) {
                int n = 0;
                while (i < len && !isGroupSeparator(g.formChar(i))) {
                    n = n * 10 + (g.formChar(i) - '0');
                    i++;
                }
                if (n < 2 || n > 4 || ++groups > 4) {
                    return false;
                }
                while (i < len && isGroupSeparator(g.formChar(i))) {
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

    private static boolean ssnOrDateShape(DigitGroup form) {
        return form.formIs("4-2-2")
                || form.formIs("2.2.4")
                || form.formIs("4.2.2")
                || form.formIs("2-2-4")
                || form.formIs("3-2-4")
                || form.formIs("3 2 4")
                || form.formIs("3.2.4");
    }

    private static boolean writtenAsPhone(DigitGroup g) {
        int dl = g.digitCount();
        if (g.formHas('/')) {
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
        if (g.sep == 0 || twoPieces(g)) {
            // compact: only a national number with its trunk prefix (0...) reads as a phone
            return dl >= 9 && g.digitAt(0) == '0';
        }
        if (datePrefix(g)) {
            return false;
        }
        // the groups of form.split("[ .-]+"), read without splitting
        int len = g.formLength();
        if (len == 0 || isGroupSeparator(g.formChar(0))) {
            return false;
        }
        int groups = 0;
        int maxGroup = 0;
        boolean thousands = true;
        int i = 0;
        while (i < len) {
            int n = 0;
            while (i < len && !isGroupSeparator(g.formChar(i))) {
                n = n * 10 + (g.formChar(i) - '0');
                i++;
            }
            maxGroup = Math.max(maxGroup, n);
            thousands &= groups == 0 ? n <= 3 : n == 3;
            groups++;
            while (i < len && isGroupSeparator(g.formChar(i))) {
                i++;
            }
        }
        if (groups < 2 || maxGroup > 8) {
            return false;
        }
        if (groups == 3
                && (g.formIs("4-2-2")
                        || g.formIs("2.2.4")
                        || g.formIs("4.2.2")
                        || g.formIs("2-2-4")
                        || g.formIs("3-2-4"))) {
            return false;
        }
        return !(thousands && !g.mixed && g.sep != '-');
    }

    /** What {@code form.split("[ .-]+")} would split at (a form holds digits and separators only). */
    private static boolean isGroupSeparator(char c) {
        return c == ' ' || c == '.' || c == '-';
    }

    /** Two pieces only ({@code 5 4}, {@code 5-3}): a postcode and a house number as often as a phone. */
    private static boolean twoPieces(DigitGroup form) {
        int seps = 0;
        for (int i = 0; i < form.formLength(); i++) {
            seps += Text.isDigit(form.formChar(i)) ? 0 : 1;
        }
        return seps == 1;
    }

    /** A date at the start ({@code 2024-01-31 10}, a date and an hour): not a phone number. */
    private static boolean datePrefix(DigitGroup g) {
        if (!(g.formStartsWith("4-2-2") || g.formStartsWith("4.2.2") || g.formStartsWith("4/2/2"))) {
            return false;
        }
        int month = (g.digitAt(4) - '0') * 10 + (g.digitAt(5) - '0');
        int day = (g.digitAt(6) - '0') * 10 + (g.digitAt(7) - '0');
        return month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }

    private boolean valid(DigitGroup g) {
        List<String> regions = regions();
        PASS.get().readWith(regions);
        long key = key(g, g.plus ? INTERNATIONAL_KEY : NATIONAL);
        Boolean valid;
        if (key != 0) {
            valid = g.plus
                    ? cached(key, 2, () -> possibleIn("+" + g.digits()))
                    : cached(key, regions.size(), () -> validInAny(g.digits(), regions));
        } else {
            valid = g.plus
                    ? cached(
                            "+" + g.digits() + "+" + g.digitsWithoutTrunk(),
                            2,
                            // written as an international number: the country code and the length per that country
                            // must fit
                            k -> possibleIn("+" + g.digits()) || possibleIn("+" + g.digitsWithoutTrunk()))
                    : cached(g.digits(), regions.size(), k -> validInAny(k, regions));
        }
        // null: the budget is spent; fail closed: written as a phone number, reported unvalidated
        return valid == null || valid;
    }

    /**
     * Whether some region of {@code regions} validates {@code digits} as a national number; libphonenumber is asked
     * only for the regions whose {@link NationalPlan} admits them.
     */
    private static boolean validInAny(String digits, List<String> regions) {
        for (String region : regions) {
            if (NationalPlan.of(region).mayValidate(digits) && validIn(digits, region)) {
                return true;
            }
        }
        return false;
    }

    /** {@code number} (after {@code +}) parsed without a region; null when it is not a number. Parsed once a pass. */
    private static Phonenumber.PhoneNumber parsedInternational(String number) {
        Pass pass = PASS.get();
        if (!number.equals(pass.parsedNumber)) {
            Phonenumber.PhoneNumber parsed;
            try {
                parsed = UTIL.parse(number, "ZZ");
            } catch (NumberParseException e) {
                parsed = null;
            }
            pass.parsedNumber = number;
            pass.parsed = parsed;
        }
        return pass.parsed;
    }

    private static boolean possibleIn(String number) {
        Phonenumber.PhoneNumber parsed = parsedInternational(number);
        return parsed != null
                && UTIL.isPossibleNumberWithReason(parsed) == PhoneNumberUtil.ValidationResult.IS_POSSIBLE
                && UTIL.getRegionCodeForCountryCode(parsed.getCountryCode()) != null
                && !"ZZ".equals(UTIL.getRegionCodeForCountryCode(parsed.getCountryCode()));
    }

    /** {@link #validIn} of a number after {@code +}, without a region. */
    private static boolean validInternational(String number) {
        Phonenumber.PhoneNumber parsed = parsedInternational(number);
        return parsed != null && UTIL.isValidNumber(parsed);
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
