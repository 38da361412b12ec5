package dev.clearance.internal.detect;

import dev.clearance.Finding;
import dev.clearance.spi.Detector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Finds personal data by structure and check digits, with hand-written linear scanners: e-mail addresses around
 * {@code @}, URLs, digit groups (cards, SSNs, phones, IPv4, national numbers) and whitespace-delimited words (IBANs,
 * IPv6, MAC addresses, national identifiers, bitcoin addresses, bare domains). Types are Presidio entity names.
 */
final class PiiDetector implements Detector {
    private static final int MAX_GROUP = 64;
    private static final Set<String> TLDS = Set.of("com", "org", "net", "edu", "gov", "mil", "int", "io", "co",
            "ai", "dev", "app", "info", "biz", "site", "online", "tech", "me", "us", "uk", "de", "fr", "es", "it",
            "nl", "be", "ch", "at", "se", "dk", "no", "fi", "pl", "cz", "sk", "hu", "pt", "gr", "ie", "ca", "au", "nz",
            "jp", "cn", "in", "br", "mx", "ru", "eu", "si", "hr", "cy", "lt", "lv", "ee", "ro", "bg", "tv", "cc",
            "xyz", "cloud", "shop", "store", "blog", "news", "email", "live", "ly", "to", "gg", "ar", "cl", "za",
            "kr", "tw", "hk", "sg", "il", "tr", "ua", "is", "lu", "li", "mt", "uy", "pe", "ve", "vn", "th", "id", "my",
            "ph", "pk", "ng", "ke", "eg", "sa", "ae", "qa", "org.uk", "ac");
    private static final Set<String> URL_SCHEMES = Set.of("http", "https", "ftp", "ftps", "sftp", "ws", "wss");

    @Override
    public String id() {
        return "pii";
    }

    @Override
    public void detect(String text, Consumer<Finding> sink) {
        List<Finding> found = new ArrayList<>();
        emails(text, found);
        urls(text, found);
        words(text, found);
        numbers(text, found);
        found.sort(java.util.Comparator.comparingInt(Finding::start)
                .thenComparing(java.util.Comparator.comparingInt(Finding::end).reversed()));
        int maxEnd = -1;
        int maxEndStart = -1;
        for (Finding f : found) {
            boolean contained = maxEnd > f.end() || maxEnd == f.end() && maxEndStart < f.start();
            if (!contained) {
                sink.accept(f);
            }
            if (f.end() > maxEnd) {
                maxEnd = f.end();
                maxEndStart = f.start();
            }
        }
    }

    // ---- e-mail

    private static void emails(String text, List<Finding> out) {
        int n = text.length();
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            int s = at;
            while (s > 0 && at - s < 64 && isLocalChar(text.charAt(s - 1))) {
                s--;
            }
            while (s < at && text.charAt(s) == '.') {
                s++;
            }
            int e = at + 1;
            while (e < n && e - at < 255 && (Text.isAsciiAlnum(text.charAt(e)) || text.charAt(e) == '.'
                    || text.charAt(e) == '-')) {
                e++;
            }
            while (e > at + 1 && (text.charAt(e - 1) == '.' || text.charAt(e - 1) == '-')) {
                e--;
            }
            if (s < at && text.charAt(at - 1) != '.' && validDomain(text, at + 1, e)) {
                out.add(Finding.pii("EMAIL_ADDRESS", "email", s, e, 0.95, false));
            }
        }
    }

    private static boolean isLocalChar(char c) {
        return Text.isAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    /** Host names: labels of letters, digits and inner hyphens; a top-level label of letters or {@code xn--}. */
    private static boolean validDomain(String text, int s, int e) {
        if (e - s < 4) {
            return false;
        }
        int labels = 0;
        int labelStart = s;
        for (int i = s; i <= e; i++) {
            if (i == e || text.charAt(i) == '.') {
                if (i == labelStart || text.charAt(labelStart) == '-' || text.charAt(i - 1) == '-') {
                    return false;
                }
                labels++;
                if (i == e) {
                    boolean punycode = text.startsWith("xn--", labelStart);
                    if (!punycode && (i - labelStart < 2 || !allLetters(text, labelStart, i))) {
                        return false;
                    }
                }
                labelStart = i + 1;
            }
        }
        return labels >= 2;
    }

    private static boolean allLetters(String text, int s, int e) {
        for (int i = s; i < e; i++) {
            if (!Text.isLetter(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    // ---- URLs

    private static void urls(String text, List<Finding> out) {
        int n = text.length();
        for (int p = text.indexOf("://"); p >= 0; p = text.indexOf("://", p + 3)) {
            int s = p;
            while (s > 0 && p - s < 6 && Text.isLetter(text.charAt(s - 1))) {
                s--;
            }
            if (!URL_SCHEMES.contains(text.substring(s, p).toLowerCase(Locale.ROOT))) {
                continue;
            }
            int e = urlEnd(text, p + 3);
            int hostEnd = p + 3;
            while (hostEnd < e && text.charAt(hostEnd) != '/' && text.charAt(hostEnd) != '?'
                    && text.charAt(hostEnd) != '#') {
                hostEnd++;
            }
            if (hostEnd > p + 3 && Text.isAsciiAlnum(text.charAt(p + 3))) {
                out.add(Finding.pii("URL", "url", s, e, 0.9, false));
                p = Math.max(p, e - 3);
            }
        }
        for (int p = indexOfWww(text, 0); p >= 0; p = indexOfWww(text, p + 4)) {
            if (p > 0 && (Text.isAsciiAlnum(text.charAt(p - 1)) || text.charAt(p - 1) == '/'
                    || text.charAt(p - 1) == '.' || text.charAt(p - 1) == '@')) {
                continue;
            }
            int e = urlEnd(text, p);
            int hostEnd = p;
            while (hostEnd < e && text.charAt(hostEnd) != '/') {
                hostEnd++;
            }
            if (validDomain(text, p, hostEnd) && countDots(text, p, hostEnd) >= 2) {
                out.add(Finding.pii("URL", "url", p, e, 0.8, false));
                p = Math.max(p, e - 4);
            }
        }
    }

    private static int indexOfWww(String text, int from) {
        for (int i = text.indexOf('w', from); i >= 0; i = text.indexOf('w', i + 1)) {
            if (text.regionMatches(true, i, "www.", 0, 4)) {
                return i;
            }
        }
        return -1;
    }

    private static int countDots(String text, int s, int e) {
        int c = 0;
        for (int i = s; i < e; i++) {
            if (text.charAt(i) == '.') {
                c++;
            }
        }
        return c;
    }

    private static int urlEnd(String text, int from) {
        int n = text.length();
        int e = from;
        while (e < n && e - from < 2048) {
            char c = text.charAt(e);
            if (Character.isWhitespace(c) || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`' || c < 32) {
                break;
            }
            e++;
        }
        while (e > from && ".,;:!?)]}".indexOf(text.charAt(e - 1)) >= 0) {
            e--;
        }
        return e;
    }

    // ---- whitespace-delimited words

    private static boolean isWordBreak(char c) {
        return Character.isWhitespace(c) || c == '"' || c == '\'' || c == '`' || c == '(' || c == ')' || c == '['
                || c == ']' || c == '{' || c == '}' || c == '<' || c == '>' || c == ',' || c == ';' || c == '=';
    }

    private static void words(String text, List<Finding> out) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && isWordBreak(text.charAt(i))) {
                i++;
            }
            int s = i;
            while (i < n && !isWordBreak(text.charAt(i))) {
                i++;
            }
            int e = i;
            while (e > s && ".:!?".indexOf(text.charAt(e - 1)) >= 0 && !(e - s >= 2 && text.startsWith("::", e - 2))) {
                e--;
            }
            if (e > s && e - s <= 80) {
                word(text, s, e, out);
            }
        }
    }

    private static void word(String text, int s, int e, List<Finding> out) {
        int at = e - 1;
        while (at >= s && text.charAt(at) != '@') {
            at--;
        }
        if (at >= s) {
            s = at + 1;
            if (s >= e) {
                return;
            }
        }
        boolean colon = false;
        boolean dot = false;
        boolean alnumOnly = true;
        for (int i = s; i < e; i++) {
            char c = text.charAt(i);
            colon |= c == ':';
            dot |= c == '.';
            alnumOnly &= Text.isAsciiAlnum(c);
        }
        if (colon) {
            if (ipv6(text, s, e)) {
                out.add(Finding.pii("IP_ADDRESS", "ipv6", s, e, 0.9, false));
            } else if (mac(text, s, e, ':') && !uniformMac(text, s, e)) {
                out.add(Finding.pii("MAC_ADDRESS", "mac", s, e, 0.85, false));
            }
            return;
        }
        if ((mac(text, s, e, '-') || cisco(text, s, e)) && !uniformMac(text, s, e)) {
            out.add(Finding.pii("MAC_ADDRESS", "mac", s, e, 0.85, false));
            return;
        }
        if (dot && !containsScheme(text, s, e) && at < 0) {
            bareDomain(text, s, e, out);
        }
        identifiers(text, s, e, alnumOnly, out);
    }

    private static boolean containsScheme(String text, int s, int e) {
        for (int i = Text.indexOf(text, ':', s, e); i >= 0; i = Text.indexOf(text, ':', i + 1, e)) {
            if (text.startsWith("//", i + 1)) {
                return true;
            }
        }
        return false;
    }

    private static void identifiers(String text, int s, int e, boolean alnumOnly, List<Finding> out) {
        int len = e - s;
        if (len >= 4 && Text.isLetter(text.charAt(s)) && Text.isLetter(text.charAt(s + 1))
                && Text.isDigit(text.charAt(s + 2)) && Text.isDigit(text.charAt(s + 3))) {
            iban(text, s, out);
        }
        if (!(len >= 8 && len <= 11 || len == 16 || len >= 26 && len <= 62)) {
            return;
        }
        String w = text.substring(s, e);
        if (len == 11 && Identifiers.fiPersonalIdentityCode(w)) {
            out.add(Finding.pii("FI_PERSONAL_IDENTITY_CODE", "fi-hetu", s, e, 0.9, true));
            return;
        }
        if (len >= 8 && len <= 11) {
            spanishId(w, s, e, out);
        }
        if (!alnumOnly) {
            return;
        }
        if (len == 9 && "STFGM".indexOf(w.charAt(0)) >= 0 && w.substring(1, 8).chars().allMatch(Text::isDigitInt)
                && Text.isUpper(w.charAt(8)) && Identifiers.sgNric(w)) {
            out.add(Finding.pii("SG_NRIC_FIN", "sg-nric", s, e, 0.85, true));
        } else if (len == 16 && Identifiers.itFiscalCode(w)) {
            out.add(Finding.pii("IT_FISCAL_CODE", "it-fiscal-code", s, e, 0.9, true));
        } else if (len >= 26 && len <= 62 && (w.charAt(0) == '1' || w.charAt(0) == '3' || w.startsWith("bc1"))
                && Identifiers.bitcoin(w)) {
            out.add(Finding.pii("CRYPTO", "bitcoin", s, e, 0.95, true));
        }
    }

    /** Spanish DNI/NIF (7-8 digits and a letter) and NIE (X/Y/Z, 7 digits, letter), optional hyphen, any case. */
    private static void spanishId(String w, int s, int e, List<Finding> out) {
        String u = w.toUpperCase(Locale.ROOT);
        int last = u.length() - 1;
        char letter = u.charAt(last);
        if (!Text.isUpper(letter)) {
            return;
        }
        String body = u.charAt(last - 1) == '-' ? u.substring(0, last - 1) : u.substring(0, last);
        if (body.length() == 8 && "XYZ".indexOf(body.charAt(0)) >= 0 && body.charAt(1) == '-') {
            body = body.charAt(0) + body.substring(2);
        }
        if ((body.length() == 7 || body.length() == 8) && body.chars().allMatch(Text::isDigitInt)) {
            String digits = body.length() == 7 ? "0" + body : body;
            if (Identifiers.esNif(digits, letter)) {
                out.add(Finding.pii("ES_NIF", "es-nif", s, e, 0.85, true));
            }
        } else if (body.length() == 8 && "XYZ".indexOf(body.charAt(0)) >= 0
                && body.substring(1).chars().allMatch(Text::isDigitInt)
                && Identifiers.esNie(body.charAt(0), body.substring(1), letter)) {
            out.add(Finding.pii("ES_NIE", "es-nie", s, e, 0.85, true));
        }
    }

    /** An IBAN starting at {@code s}: compact, or in groups separated by single spaces or hyphens. */
    private static void iban(String text, int s, List<Finding> out) {
        int n = text.length();
        String country = text.substring(s, s + 2).toUpperCase(Locale.ROOT);
        int want = Identifiers.ibanLength(country);
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
        out.add(Finding.pii("IBAN_CODE", "iban", s, end, 0.95, true));
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

    private static void bareDomain(String text, int s, int e, List<Finding> out) {
        int hostEnd = s;
        while (hostEnd < e && text.charAt(hostEnd) != '/') {
            hostEnd++;
        }
        int lastDot = Text.lastIndexOf(text, '.', s, hostEnd);
        if (lastDot <= s || !TLDS.contains(text.substring(lastDot + 1, hostEnd).toLowerCase(Locale.ROOT))) {
            return;
        }
        for (int i = s; i < hostEnd; i++) {
            char c = text.charAt(i);
            if (!(Text.isAsciiAlnum(c) || c == '.' || c == '-')) {
                return;
            }
        }
        if (Text.isAsciiAlnum(text.charAt(s)) && validDomain(text, s, hostEnd)
                && !(Text.isDigit(text.charAt(s)) && allDigitsAndDots(text, s, hostEnd))) {
            out.add(Finding.pii("URL", "domain", s, e, 0.6, false));
        }
    }

    private static boolean allDigitsAndDots(String text, int s, int e) {
        for (int i = s; i < e; i++) {
            if (!(Text.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                return false;
            }
        }
        return true;
    }

    private static boolean mac(String text, int s, int e, char sep) {
        if (e - s != 17) {
            return false;
        }
        for (int i = 0; i < 17; i++) {
            char c = text.charAt(s + i);
            if (i % 3 == 2 ? c != sep : !Text.isHex(c)) {
                return false;
            }
        }
        return true;
    }

    /** Broadcast and null addresses ({@code FF:FF:...}, {@code 00:00:...}) identify nobody. */
    private static boolean uniformMac(String text, int s, int e) {
        char first = Character.toUpperCase(text.charAt(s));
        for (int i = s; i < e; i++) {
            char c = Character.toUpperCase(text.charAt(i));
            if (Text.isHex(c) && c != first) {
                return false;
            }
        }
        return true;
    }

    private static boolean cisco(String text, int s, int e) {
        if (e - s != 14) {
            return false;
        }
        for (int i = 0; i < 14; i++) {
            char c = text.charAt(s + i);
            if (i % 5 == 4 ? c != '.' : !Text.isHex(c)) {
                return false;
            }
        }
        return true;
    }

    /** IPv6 with compression, an embedded IPv4 tail, an optional zone and prefix length. */
    static boolean ipv6(String text, int s, int e) {
        int slash = Text.lastIndexOf(text, '/', s, e);
        if (slash >= s) {
            if (!digitsInRange(text, slash + 1, e, 128)) {
                return false;
            }
            e = slash;
        }
        int pct = Text.indexOf(text, '%', s, e);
        if (pct >= 0 && pct < e) {
            for (int i = pct + 1; i < e; i++) {
                if (!Text.isAsciiAlnum(text.charAt(i))) {
                    return false;
                }
            }
            if (pct + 1 == e) {
                return false;
            }
            e = pct;
        }
        if (e - s < 2) {
            return false;
        }
        int groups = 0;
        boolean compressed = false;
        boolean digit = false;
        int i = s;
        if (text.startsWith("::", i)) {
            compressed = true;
            i += 2;
            if (i == e) {
                return true;
            }
        }
        while (i < e) {
            int g = i;
            while (i < e && Text.isHex(text.charAt(i)) && i - g < 5) {
                digit |= Text.isDigit(text.charAt(i));
                i++;
            }
            if (i < e && text.charAt(i) == '.') {
                if (!ipv4Exact(text, g, e)) {
                    return false;
                }
                groups += 2;
                digit = true;
                i = e;
                break;
            }
            if (i == g || i - g > 4) {
                return false;
            }
            groups++;
            if (i == e) {
                break;
            }
            if (text.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i < e && text.charAt(i) == ':') {
                if (compressed) {
                    return false;
                }
                compressed = true;
                i++;
                if (i == e) {
                    break;
                }
            } else if (i == e) {
                return false;
            }
        }
        return digit && (compressed ? groups < 8 : groups == 8);
    }

    private static boolean ipv4Exact(String text, int s, int e) {
        int parts = 0;
        int i = s;
        while (i < e) {
            int p = i;
            while (i < e && Text.isDigit(text.charAt(i))) {
                i++;
            }
            if (i == p || i - p > 3 || Integer.parseInt(text.substring(p, i)) > 255) {
                return false;
            }
            parts++;
            if (i < e) {
                if (text.charAt(i) != '.') {
                    return false;
                }
                i++;
            }
        }
        return parts == 4;
    }

    private static boolean digitsInRange(String text, int s, int e, int max) {
        if (e <= s || e - s > 3) {
            return false;
        }
        for (int i = s; i < e; i++) {
            if (!Text.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return Integer.parseInt(text.substring(s, e)) <= max;
    }

    // ---- digit groups

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')';
    }

    private static void numbers(String text, List<Finding> out) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (!Text.isDigit(c)) {
                i++;
                continue;
            }
            if (i > 0 && (Text.isLetter(text.charAt(i - 1)) || text.charAt(i - 1) == '_')
                    || i > 1 && (text.charAt(i - 1) == '-' || text.charAt(i - 1) == '.')
                    && Text.isAsciiAlnum(text.charAt(i - 2))) {
                while (i < n && Text.isWordChar(text.charAt(i))) {
                    i++;
                }
                continue;
            }
            int gs = i;
            int j = i;
            int lastDigitEnd = i;
            while (j < n) {
                char d = text.charAt(j);
                if (Text.isDigit(d)) {
                    j++;
                    lastDigitEnd = j;
                    continue;
                }
                int k = j;
                while (k < n && k - j < 2 && isSeparator(text.charAt(k))) {
                    k++;
                }
                if (k > j && k < n && Text.isDigit(text.charAt(k))) {
                    j = k;
                    continue;
                }
                break;
            }
            int start = gs;
            if (gs > 0 && (text.charAt(gs - 1) == '+' || text.charAt(gs - 1) == '(')) {
                start = gs - 1;
                if (start > 0 && text.charAt(gs - 1) == '(' && text.charAt(start - 1) == '+') {
                    start--;
                }
            }
            if (!Text.isLetter(charAt(text, lastDigitEnd))
                    && (lastDigitEnd - start > MAX_GROUP || !group(text, start, lastDigitEnd, out))) {
                splitGroup(text, start, lastDigitEnd, out);
            }
            i = Math.max(lastDigitEnd, i + 1);
        }
    }

    private static char charAt(String text, int i) {
        return i < text.length() ? text.charAt(i) : ' ';
    }

    /**
     * A chain of digit groups that is not one identifier as a whole (or too long to be one): from the left, the
     * longest run of space-separated pieces (after the first, each of 2 digits or more), at most
     * {@code MAX_GROUP} chars with at least 7 digits, that is one
     * identifier (a card number followed by an unrelated number), else the single piece. Each start tries a
     * bounded number of runs, so the split stays linear in the chain's length.
     */
    private static void splitGroup(String text, int s, int e, List<Finding> out) {
        int[] starts = new int[16];
        int[] ends = new int[16];
        int[] digits = new int[16];
        int count = 0;
        int p = s;
        for (int i = s; i <= e; i++) {
            if (i == e || text.charAt(i) == ' ') {
                if (i > p) {
                    if (count == starts.length) {
                        starts = java.util.Arrays.copyOf(starts, count * 2);
                        ends = java.util.Arrays.copyOf(ends, count * 2);
                        digits = java.util.Arrays.copyOf(digits, count * 2);
                    }
                    starts[count] = p;
                    ends[count] = i;
                    int d = 0;
                    for (int k = p; k < i; k++) {
                        d += Text.isDigit(text.charAt(k)) ? 1 : 0;
                    }
                    digits[count] = d;
                    count++;
                }
                p = i + 1;
            }
        }
        int a = 0;
        while (a < count) {
            int last = a;
            int sum = digits[a];
            while (last + 1 < count && ends[last + 1] - starts[a] <= MAX_GROUP && digits[last + 1] >= 2) {
                last++;
                sum += digits[last];
            }
            int next = a + 1;
            for (int b = last; b > a; b--) {
                if (sum >= 7 && (a > 0 || b < count - 1 || e - s > MAX_GROUP)
                        && group(text, starts[a], ends[b], out)) {
                    next = b + 1;
                    break;
                }
                sum -= digits[b];
            }
            if (next == a + 1 && (count > 1 || e - s > MAX_GROUP)) {
                group(text, starts[a], ends[a], out);
            }
            a = next;
        }
    }

    /** Classifies one digit group {@code [s, e)}; true when something was reported. */
    private static boolean group(String text, int s, int e, List<Finding> out) {
        if (e <= s) {
            return false;
        }
        if (Text.isDigit(text.charAt(s)) && ipv4(text, s, e, out)
                || !Text.isDigit(text.charAt(s)) && text.charAt(s) == '(' && ipv4(text, s + 1, e, out)) {
            return true;
        }
        StringBuilder digits = new StringBuilder(24);
        StringBuilder shape = new StringBuilder(24);   // digit-group lengths and separators, e.g. "3-2-4"
        char sep = 0;
        boolean mixed = false;
        boolean plus = text.charAt(s) == '+';
        boolean paren = false;
        int run = 0;
        for (int i = s; i < e; i++) {
            char c = text.charAt(i);
            if (Text.isDigit(c)) {
                digits.append(c);
                run++;
            } else {
                if (run > 0) {
                    shape.append(run);
                    run = 0;
                }
                if (c == '(' || c == ')') {
                    paren = true;
                } else if (c != '+') {
                    shape.append(c);
                    if (sep == 0) {
                        sep = c;
                    } else if (sep != c) {
                        mixed = true;
                    }
                }
            }
        }
        if (run > 0) {
            shape.append(run);
        }
        String d = digits.toString();
        String form = shape.toString();
        int dl = d.length();
        boolean cardSeparators = !plus && !paren && (sep == 0 || !mixed && (sep == ' ' || sep == '-'));
        if (cardSeparators && Identifiers.creditCard(d) && (sep == 0 || groupsOf(form, 4))) {
            out.add(Finding.pii("CREDIT_CARD", "credit-card", s, e, 0.9, true));
            return true;
        }
        if (!plus && !paren && dl == 9) {
            boolean ssnShape = !mixed && (form.equals("3-2-4") || form.equals("3 2 4") || form.equals("3.2.4"));
            boolean loose = form.equals("3-6") || form.equals("5-4") || form.equals("9");
            if ((ssnShape || loose) && Identifiers.ssn(d)) {
                out.add(Finding.pii("US_SSN", "us-ssn", s, e, ssnShape ? 0.85 : 0.4, true));
                return true;
            }
            if ((ssnShape || loose) && Identifiers.itin(d)) {
                out.add(Finding.pii("US_ITIN", "us-itin", s, e, ssnShape ? 0.85 : 0.4, true));
                return true;
            }
        }
        boolean reported = false;
        if (!plus && !paren && !mixed) {
            if (dl == 12 && (form.equals("12") || form.equals("4 4 4") || form.equals("4-4-4") || form.equals("4:4:4"))
                    && Identifiers.aadhaar(d)) {
                out.add(Finding.pii("IN_AADHAAR", "in-aadhaar", s, e, 0.8, true));
                return true;
            }
            if (dl == 10 && (form.equals("10") || form.equals("3 3 4") || form.equals("3-3-4"))
                    && Identifiers.ukNhs(d)) {
                out.add(Finding.pii("UK_NHS", "uk-nhs", s, e, 0.5, true));
                reported = true;
            }
            if (dl == 11 && form.equals("11") && Identifiers.pesel(d)) {
                out.add(Finding.pii("PL_PESEL", "pl-pesel", s, e, 0.6, true));
                return true;
            }
        }
        if (phone(form, dl, plus, paren, sep, mixed)) {
            out.add(Finding.pii("PHONE_NUMBER", "phone", s, e, plus || paren ? 0.8 : 0.6, false));
            return true;
        }
        return reported;
    }

    private static boolean groupsOf(String form, int size) {
        String[] parts = form.split("[ -]");
        for (String p : parts) {
            if (!p.equals(String.valueOf(size)) && !(p == parts[parts.length - 1] && p.length() <= 2)) {
                return false;
            }
        }
        return parts.length >= 3;
    }

    private static boolean phone(String form, int dl, boolean plus, boolean paren, char sep, boolean mixed) {
        if (form.indexOf('/') >= 0) {
            return false;
        }
        if (plus) {
            return dl >= 8 && dl <= 15;
        }
        if (paren) {
            return dl >= 7 && dl <= 13;
        }
        if (sep == 0 || dl < 7 || dl > 13) {
            return false;
        }
        String[] groups = form.split("[ .-]+");
        if (groups.length < 2 || groups[0].isEmpty()) {
            return false;
        }
        int maxGroup = 0;
        for (String g : groups) {
            maxGroup = Math.max(maxGroup, Integer.parseInt(g));
        }
        if (maxGroup > 5) {
            return false;
        }
        // dates (2024-01-31, 31.01.2024) and thousands (1 000 000) are not phone numbers
        if (groups.length == 3 && (form.equals("4-2-2") || form.equals("2.2.4") || form.equals("4.2.2")
                || form.equals("2-2-4"))) {
            return false;
        }
        boolean thousands = Integer.parseInt(groups[0]) <= 3;
        for (int k = 1; k < groups.length; k++) {
            thousands &= groups[k].equals("3");
        }
        return !(thousands && !mixed && sep != '-');
    }

    /** Dotted-quad IPv4 at {@code s} (octets 0-255), with an optional {@code /prefix} up to 32. */
    private static boolean ipv4(String text, int s, int e, List<Finding> out) {
        int i = s;
        for (int part = 0; part < 4; part++) {
            int p = i;
            while (i < e && Text.isDigit(text.charAt(i)) && i - p < 4) {
                i++;
            }
            if (i == p || i - p > 3 || Integer.parseInt(text.substring(p, i)) > 255) {
                return false;
            }
            if (part < 3) {
                if (i >= e || text.charAt(i) != '.') {
                    return false;
                }
                i++;
            }
        }
        int end = i;
        if (end < text.length() && text.charAt(end) == '/') {
            int k = end + 1;
            while (k < text.length() && Text.isDigit(text.charAt(k)) && k - end <= 3) {
                k++;
            }
            if (k > end + 1 && digitsInRange(text, end + 1, k, 32)) {
                end = k;
            }
        }
        out.add(Finding.pii("IP_ADDRESS", "ipv4", s, end, 0.9, false));
        return true;
    }
}
