package dev.clearance.internal.detect.pii;

import dev.clearance.Finding;
import dev.clearance.internal.detect.Checksums;
import dev.clearance.internal.detect.Text;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * IBAN starting at a word of two letters and two digits: compact, or in groups separated by single spaces or
 * hyphens (so the match may run past the word), of its country's length, one case, mod-97 check.
 */
final class Iban implements WordRecognizer {
    private static final PiiKind KIND = new PiiKind("IBAN_CODE", "iban", 0.95, true);
    private static final Map<String, Integer> LENGTHS = new HashMap<>();

    static {
        String table = "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18 "
                + "DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21 HU28 IE22 IL23 IQ23 "
                + "IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MG27 MK19 MN20 MR27 MT31 "
                + "MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 "
                + "SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30";
        for (String entry : table.split(" ")) {
            LENGTHS.put(entry.substring(0, 2), Integer.parseInt(entry.substring(2)));
        }
    }

    @Override
    public PiiKind kind() {
        return KIND;
    }

    @Override
    public int minLength() {
        return 4;
    }

    @Override
    public int maxLength() {
        return Integer.MAX_VALUE; // grouped IBANs start with a short word; compact ones are at most 34 chars
    }

    /** The IBAN length of a country, or 0 when the country does not issue IBANs. */
    static int length(String country) {
        return LENGTHS.getOrDefault(country, 0);
    }

    @Override
    public void find(String text, int s, int e, List<Finding> out) {
        if (!(Text.isLetter(text.charAt(s))
                && Text.isLetter(text.charAt(s + 1))
                && Text.isDigit(text.charAt(s + 2))
                && Text.isDigit(text.charAt(s + 3)))) {
            return;
        }
        int n = text.length();
        int want = length(text.substring(s, s + 2).toUpperCase(Locale.ROOT));
        if (want == 0) {
            return;
        }
        StringBuilder compact = new StringBuilder(want);
        int i = s;
        int end = -1;
        while (i < n && compact.length() < want) {
            char c = text.charAt(i);
            if (Text.isAsciiAlnum(c)) {
                compact.append(Character.toUpperCase(c));
                i++;
                if (compact.length() == want) {
                    end = i;
                }
            } else if ((c == ' ' || c == '-') && i + 1 < n && Text.isAsciiAlnum(text.charAt(i + 1)) && i > s) {
                i++;
            } else {
                break;
            }
        }
        if (end < 0 || Text.wordAt(text, end) || mixedCase(text, s, end) || !Checksums.ibanMod97(compact)) {
            return;
        }
        out.add(KIND.at(s, end));
    }

    private static boolean mixedCase(String text, int s, int e) {
        boolean upper = false;
        boolean lower = false;
        for (int i = s; i < e; i++) {
            char c = text.charAt(i);
            upper |= Text.isUpper(c);
            lower |= c >= 'a' && c <= 'z';
        }
        return upper && lower;
    }
}
