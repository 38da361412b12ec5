package dev.clearance.internal.detect.pii;

import dev.clearance.Finding;
import dev.clearance.internal.detect.Text;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Host names: the checks shared by e-mail addresses, URLs and bare domains; bare domains themselves. */
final class Domains {
    static final PiiKind DOMAIN = new PiiKind("URL", "domain", 0.6, false);
    private static final Set<String> TLDS = Set.of(
            "com", "org", "net", "edu", "gov", "mil", "int", "io", "co", "ai", "dev", "app", "info", "biz", "site",
            "online", "tech", "me", "us", "uk", "de", "fr", "es", "it", "nl", "be", "ch", "at", "se", "dk", "no", "fi",
            "pl", "cz", "sk", "hu", "pt", "gr", "ie", "ca", "au", "nz", "jp", "cn", "in", "br", "mx", "ru", "eu", "si",
            "hr", "cy", "lt", "lv", "ee", "ro", "bg", "tv", "cc", "xyz", "cloud", "shop", "store", "blog", "news",
            "email", "live", "ly", "to", "gg", "ar", "cl", "za", "kr", "tw", "hk", "sg", "il", "tr", "ua", "is", "lu",
            "li", "mt", "uy", "pe", "ve", "vn", "th", "id", "my", "ph", "pk", "ng", "ke", "eg", "sa", "ae", "qa",
            "org.uk", "ac");

    private Domains() {}

    /** Host names: labels of letters, digits and inner hyphens; a top-level label of letters or {@code xn--}. */
    static boolean validDomain(String text, int s, int e) {
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

    static int countDots(String text, int s, int e) {
        int c = 0;
        for (int i = s; i < e; i++) {
            if (text.charAt(i) == '.') {
                c++;
            }
        }
        return c;
    }

    /** A word that is a host name with a known top-level domain (and an optional path). */
    static void bareDomain(String text, int s, int e, List<Finding> out) {
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
        if (Text.isAsciiAlnum(text.charAt(s))
                && validDomain(text, s, hostEnd)
                && !(Text.isDigit(text.charAt(s)) && allDigitsAndDots(text, s, hostEnd))) {
            out.add(DOMAIN.at(s, e));
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
}
