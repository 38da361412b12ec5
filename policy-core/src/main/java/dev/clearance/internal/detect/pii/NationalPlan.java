package dev.clearance.internal.detect.pii;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * One region's numbering plan as libphonenumber parses a national number with that region as the default, read
 * once from its metadata: a test that a string of digits cannot be a valid number of that region's country code,
 * so {@link Phone} asks libphonenumber (a parse and a validation, tens of microseconds) only for the regions where
 * it can be. The test never says no where libphonenumber says yes: it follows every way the parse can read the
 * digits (the number after the international prefix, after the country code, without the national prefix, as it
 * is), and says yes whenever it cannot follow one (an international prefix, a national prefix rewrite rule).
 */
final class NationalPlan {
    private static final MetadataSource METADATA =
            DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
    private static final ConcurrentHashMap<String, NationalPlan> PLANS = new ConcurrentHashMap<>();

    /** The region's international dialling prefix: digits after it are read as another country's number. */
    private final Pattern internationalPrefix;
    /** The country calling code, as the digits a national number may start with. */
    private final String countryCode;
    /** The national prefixes the parse may strip: the region's and its country code's main region's (null: none). */
    private final Pattern[] nationalPrefixes;
    /** Bit {@code n}: a number of {@code n} digits is a possible length of some region of the country code. */
    private final long lengths;
    /** The general patterns of the country code's regions: a valid number matches one of them. */
    private final Pattern[] general;
    /** The parse may rewrite the digits (a national prefix transform rule): the test cannot follow it. */
    private final boolean rewrites;

    private NationalPlan(String region) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        Phonemetadata.PhoneMetadata own = METADATA.getMetadataForRegion(region);
        int code = own.getCountryCode();
        Phonemetadata.PhoneMetadata main = METADATA.getMetadataForRegion(util.getRegionCodeForCountryCode(code));
        this.internationalPrefix = Pattern.compile(own.getInternationalPrefix());
        this.countryCode = Integer.toString(code);
        List<Pattern> prefixes = new ArrayList<>();
        boolean rewrites = false;
        for (Phonemetadata.PhoneMetadata m : main == null ? List.of(own) : List.of(own, main)) {
            if (!m.getNationalPrefixForParsing().isEmpty()) {
                prefixes.add(Pattern.compile(m.getNationalPrefixForParsing()));
            }
            rewrites |= !m.getNationalPrefixTransformRule().isEmpty();
        }
        long lengths = 0;
        List<Pattern> general = new ArrayList<>();
        for (String r : util.getRegionCodesForCountryCode(code)) {
            Phonemetadata.PhoneMetadata m = METADATA.getMetadataForRegion(r);
            if (m == null) {
                rewrites = true; // not a region this plan can read: always ask libphonenumber
                continue;
            }
            List<Integer> possible = m.getGeneralDesc().getPossibleLengthList();
            if (possible.isEmpty()) {
                lengths = -1L; // no length data: every length may be valid
            }
            for (int n : possible) {
                lengths |= n < 64 ? 1L << n : -1L;
            }
            general.add(Pattern.compile(m.getGeneralDesc().getNationalNumberPattern()));
        }
        this.nationalPrefixes = prefixes.toArray(new Pattern[0]);
        this.lengths = lengths;
        this.general = general.toArray(new Pattern[0]);
        this.rewrites = rewrites;
    }

    /** The plan of {@code region} (a region libphonenumber supports), built once. */
    static NationalPlan of(String region) {
        return PLANS.computeIfAbsent(region, NationalPlan::new);
    }

    /**
     * False only when libphonenumber cannot validate {@code digits} (ASCII digits only) parsed with this region as
     * the default: no reading of them is of a possible length and matches a general pattern of the country code.
     */
    boolean mayValidate(String digits) {
        if (rewrites || internationalPrefix.matcher(digits).lookingAt()) {
            return true;
        }
        if (readable(digits, 2)) {
            return true;
        }
        return digits.startsWith(countryCode) && readable(digits.substring(countryCode.length()), 2);
    }

    /**
     * Whether {@code number}, or it without a national prefix (up to {@code strips} times, each prefix of this
     * plan), is of a possible length and matches a general pattern.
     */
    private boolean readable(String number, int strips) {
        int n = number.length();
        if (n < 64 && (lengths & (1L << n)) != 0) {
            for (Pattern p : general) {
                if (p.matcher(number).matches()) {
                    return true;
                }
            }
        }
        if (strips == 0 || n == 0) {
            return false;
        }
        for (Pattern p : nationalPrefixes) {
            java.util.regex.Matcher m = p.matcher(number);
            if (m.lookingAt() && m.end() > 0 && readable(number.substring(m.end()), strips - 1)) {
                return true;
            }
        }
        return false;
    }
}
