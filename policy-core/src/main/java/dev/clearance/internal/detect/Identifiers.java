package dev.clearance.internal.detect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;

/** Structure and check-digit validation of personal and financial identifiers, on plain strings. */
final class Identifiers {
    private static final Map<String, Integer> IBAN_LENGTHS = new HashMap<>();
    private static final String NIF_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final String BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    static {
        String table = "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18 "
                + "DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21 HU28 IE22 IL23 IQ23 "
                + "IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MG27 MK19 MN20 MR27 MT31 "
                + "MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 "
                + "SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30";
        for (String entry : table.split(" ")) {
            IBAN_LENGTHS.put(entry.substring(0, 2), Integer.parseInt(entry.substring(2)));
        }
    }

    private Identifiers() {
    }

    /** The IBAN length of a country, or 0 when the country does not issue IBANs. */
    static int ibanLength(String country) {
        return IBAN_LENGTHS.getOrDefault(country, 0);
    }

    /** Spanish DNI/NIF: 8 digits and the letter of their value mod 23. */
    static boolean esNif(String digits, char letter) {
        return digits.length() == 8 && NIF_LETTERS.charAt((int) (Long.parseLong(digits) % 23)) == letter;
    }

    /** Spanish NIE: X, Y or Z (0, 1, 2), 7 digits and the NIF letter. */
    static boolean esNie(char prefix, String digits, char letter) {
        int p = "XYZ".indexOf(prefix);
        return p >= 0 && digits.length() == 7 && esNif(p + digits, letter);
    }

    /** US SSN ranges: area not 000, 666 or 9xx; group not 00; serial not 0000. */
    static boolean ssn(String d) {
        if (d.length() != 9) {
            return false;
        }
        int area = Integer.parseInt(d.substring(0, 3));
        int group = Integer.parseInt(d.substring(3, 5));
        int serial = Integer.parseInt(d.substring(5));
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0 && !sameDigits(d);
    }

    /** US ITIN: 9xx with a group in 50-65, 70-88, 90-92 or 94-99. */
    static boolean itin(String d) {
        if (d.length() != 9 || d.charAt(0) != '9') {
            return false;
        }
        int g = Integer.parseInt(d.substring(3, 5));
        return g >= 50 && g <= 65 || g >= 70 && g <= 88 || g >= 90 && g <= 92 || g >= 94;
    }

    /** Payment card: 13 to 19 digits, a known leading digit, Luhn. */
    static boolean creditCard(String d) {
        int n = d.length();
        char first = d.charAt(0);
        boolean issuer = first >= '2' && first <= '6' || first == '1' && n == 15;
        return n >= 13 && n <= 19 && issuer && !sameDigits(d) && Checksums.luhn(d);
    }

    /** UK NHS number: 10 digits, weighted mod 11. */
    static boolean ukNhs(String d) {
        if (d.length() != 10 || sameDigits(d)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (d.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - sum % 11;
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == d.charAt(9) - '0';
    }

    /** Indian Aadhaar: 12 digits, not starting with 0 or 1, Verhoeff. */
    static boolean aadhaar(String d) {
        return d.length() == 12 && d.charAt(0) >= '2' && !sameDigits(d) && Checksums.verhoeff(d);
    }

    /** Polish PESEL: 11 digits, weighted check digit, a plausible month. */
    static boolean pesel(String d) {
        if (d.length() != 11 || sameDigits(d)) {
            return false;
        }
        int[] w = {1, 3, 7, 9, 1, 3, 7, 9, 1, 3};
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += (d.charAt(i) - '0') * w[i];
        }
        int month = Integer.parseInt(d.substring(2, 4)) % 20;
        int day = Integer.parseInt(d.substring(4, 6));
        return (10 - sum % 10) % 10 == d.charAt(10) - '0' && month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }

    /** Singapore NRIC/FIN: S, T, F, G or M, 7 digits and a check letter. */
    static boolean sgNric(String s) {
        if (s.length() != 9) {
            return false;
        }
        char p = s.charAt(0);
        int[] w = {2, 7, 6, 5, 4, 3, 2};
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            sum += (s.charAt(i + 1) - '0') * w[i];
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

    /** Finnish henkilötunnus: ddmmyy, century sign, individual number, check character (mod 31). */
    static boolean fiPersonalIdentityCode(String s) {
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
        int[] days = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        if (month < 1 || month > 12 || day < 1 || day > days[month - 1]) {
            return false;
        }
        return "0123456789ABCDEFHJKLMNPRSTUVWXY".charAt((int) (Long.parseLong(digits) % 31)) == s.charAt(10);
    }

    /** Italian codice fiscale (16 characters, omocodia letters allowed), with its check letter. */
    static boolean itFiscalCode(String s) {
        if (s.length() != 16) {
            return false;
        }
        String shape = "LLLLLLNNLNNLNNNL";
        for (int i = 0; i < 16; i++) {
            char c = s.charAt(i);
            boolean ok = shape.charAt(i) == 'L' ? Text.isUpper(c) : Text.isDigit(c) || "LMNPQRSTUV".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        if ("ABCDEHLMPRST".indexOf(s.charAt(8)) < 0) {
            return false;
        }
        int[] odd = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23};
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            char c = s.charAt(i);
            int v = Text.isDigit(c) ? c - '0' : c - 'A';
            sum += (i % 2 == 0) ? odd[v] : v;
        }
        return (char) ('A' + sum % 26) == s.charAt(15);
    }

    /** Bitcoin address: base58check (P2PKH / P2SH) or bech32 / bech32m (bc1...). */
    static boolean bitcoin(String s) {
        if (s.startsWith("bc1") || s.startsWith("BC1")) {
            return bech32(s.toLowerCase(java.util.Locale.ROOT));
        }
        if (s.length() < 26 || s.length() > 35 || (s.charAt(0) != '1' && s.charAt(0) != '3')) {
            return false;
        }
        byte[] raw = base58(s);
        if (raw == null || raw.length != 25) {
            return false;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(raw, 0, 21);
            byte[] h = sha.digest(sha.digest());
            for (int i = 0; i < 4; i++) {
                if (h[i] != raw[21 + i]) {
                    return false;
                }
            }
            return true;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static byte[] base58(String s) {
        java.math.BigInteger v = java.math.BigInteger.ZERO;
        java.math.BigInteger b58 = java.math.BigInteger.valueOf(58);
        for (int i = 0; i < s.length(); i++) {
            int d = BASE58.indexOf(s.charAt(i));
            if (d < 0) {
                return null;
            }
            v = v.multiply(b58).add(java.math.BigInteger.valueOf(d));
        }
        byte[] bytes = v.toByteArray();
        int leading = 0;
        while (leading < s.length() && s.charAt(leading) == '1') {
            leading++;
        }
        int strip = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        byte[] out = new byte[leading + bytes.length - strip];
        System.arraycopy(bytes, strip, out, leading, bytes.length - strip);
        return out;
    }

    private static boolean bech32(String s) {
        int sep = s.lastIndexOf('1');
        if (sep < 1 || s.length() < 14 || s.length() > 74 || s.length() - sep < 7) {
            return false;
        }
        int[] values = new int[s.length() - sep - 1];
        for (int i = 0; i < values.length; i++) {
            int d = BECH32.indexOf(s.charAt(sep + 1 + i));
            if (d < 0) {
                return false;
            }
            values[i] = d;
        }
        byte[] hrp = s.substring(0, sep).getBytes(StandardCharsets.US_ASCII);
        int chk = 1;
        int[] expanded = new int[hrp.length * 2 + 1 + values.length];
        int k = 0;
        for (byte b : hrp) {
            expanded[k++] = b >> 5;
        }
        expanded[k++] = 0;
        for (byte b : hrp) {
            expanded[k++] = b & 31;
        }
        System.arraycopy(values, 0, expanded, k, values.length);
        int[] gen = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
        for (int v : expanded) {
            int top = chk >>> 25;
            chk = (chk & 0x1ffffff) << 5 ^ v;
            for (int i = 0; i < 5; i++) {
                if (((top >>> i) & 1) != 0) {
                    chk ^= gen[i];
                }
            }
        }
        return chk == 1 || chk == 0x2bc830a3;
    }

    static boolean sameDigits(String d) {
        for (int i = 1; i < d.length(); i++) {
            if (d.charAt(i) != d.charAt(0)) {
                return false;
            }
        }
        return true;
    }
}
