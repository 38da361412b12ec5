package dev.clearance.internal.detect.pii;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NationalPlanTest {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private static boolean validIn(String digits, String region) {
        try {
            return UTIL.isValidNumber(UTIL.parse(digits, region));
        } catch (NumberParseException e) {
            return false;
        }
    }

    /** Digits of libphonenumber's example numbers of {@code region}: national, with the country code, trunk 0. */
    private static List<String> examples(String region) {
        List<String> out = new ArrayList<>();
        for (PhoneNumberUtil.PhoneNumberType type : PhoneNumberUtil.PhoneNumberType.values()) {
            Phonenumber.PhoneNumber n = UTIL.getExampleNumberForType(region, type);
            if (n == null) {
                continue;
            }
            String nsn = UTIL.getNationalSignificantNumber(n);
            String national =
                    UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.NATIONAL).replaceAll("[^0-9]", "");
            out.add(nsn);
            out.add(national);
            out.add(n.getCountryCode() + nsn);
            out.add(n.getCountryCode() + national);
            out.add("0" + nsn);
            out.add("1" + nsn);
        }
        return out;
    }

    private static String randomDigits(Random random, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append((char) ('0' + random.nextInt(10)));
        }
        return b.toString();
    }

    /** The prefilter may say yes wrongly (libphonenumber decides then), never no where libphonenumber says yes. */
    private static int assertNeverRejectsAValidNumber(String region, List<String> numbers) {
        NationalPlan plan = NationalPlan.of(region);
        int valid = 0;
        for (String digits : numbers) {
            if (validIn(digits, region)) {
                valid++;
                assertThat(plan.mayValidate(digits))
                        .as("region %s, %d digits", region, digits.length())
                        .isTrue();
            }
        }
        return valid;
    }

    @Test
    void neverRejectsANumberLibphonenumberValidatesInAnyRegion() {
        Random random = new Random(18);
        int valid = 0;
        for (String region : UTIL.getSupportedRegions()) {
            List<String> numbers = examples(region);
            for (int k = 0; k < 40; k++) {
                numbers.add(randomDigits(random, 4 + random.nextInt(13)));
            }
            valid += assertNeverRejectsAValidNumber(region, numbers);
        }
        assertThat(valid).isGreaterThan(2_000); // the examples are valid: the test looks at valid numbers
    }

    @Test
    void neverRejectsANumberLibphonenumberValidatesInTheDefaultRegions() {
        Random random = new Random(7);
        int valid = 0;
        for (String region : Phone.DEFAULT_REGIONS) {
            List<String> numbers = new ArrayList<>();
            for (String example : examples(region)) {
                // the example's leading digits (its range) with random digits after them
                for (int k = 0; k < 30; k++) {
                    int keep = Math.min(example.length(), 1 + random.nextInt(5));
                    numbers.add(example.substring(0, keep) + randomDigits(random, example.length() - keep));
                }
            }
            for (int k = 0; k < 400; k++) {
                numbers.add(randomDigits(random, 7 + random.nextInt(9)));
            }
            valid += assertNeverRejectsAValidNumber(region, numbers);
        }
        assertThat(valid).isGreaterThan(1_000);
    }

    @Test
    void rejectsNumbersNoReadingOfWhichFitsTheRegion() {
        // 11 digits without a trunk prefix or the country code: no US reading has a possible length (10)
        assertThat(NationalPlan.of("US").mayValidate("23456789012")).isFalse();
        // French numbers have 9 digits after the trunk prefix
        assertThat(NationalPlan.of("FR").mayValidate("12345678")).isFalse();
        assertThat(NationalPlan.of("FR").mayValidate("0123456789")).isTrue();
        // after an international prefix the digits may be any country's: libphonenumber decides
        assertThat(NationalPlan.of("GB").mayValidate("0012025550123")).isTrue();
    }
}
