package dev.clearance.internal.detect.pii;

import dev.clearance.Finding;
import dev.clearance.internal.detect.Text;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The e-mail pass (around each {@code @}) and the URL pass (around each {@code ://} and {@code www.}). */
final class EmailAndUrlPass {
    static final PiiKind EMAIL = new PiiKind("EMAIL_ADDRESS", "email", 0.95, false);
    static final PiiKind URL = new PiiKind("URL", "url", 0.9, false);
    private static final double WWW_CONFIDENCE = 0.8;
    private static final Set<String> URL_SCHEMES = Set.of("http", "https", "ftp", "ftps", "sftp", "ws", "wss");

    private EmailAndUrlPass() {}

    /** E-mail addresses; returns the work done: chars examined around each {@code @}. */
    static long emails(String text, List<Finding> out) {
        long work = 0;
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
            while (e < n
                    && e - at < 255
                    && (Text.isAsciiAlnum(text.charAt(e)) || text.charAt(e) == '.' || text.charAt(e) == '-')) {
                e++;
            }
            while (e > at + 1 && (text.charAt(e - 1) == '.' || text.charAt(e - 1) == '-')) {
                e--;
            }
            work += e - s + 1;
            if (s < at && text.charAt(at - 1) != '.' && !urlUserInfo(text, s) && Domains.validDomain(text, at + 1, e)) {
                out.add(EMAIL.at(s, e));
            }
        }
        return work;
    }

    /**
     * Whether the local part starting at {@code s} is (the end of) the user-info of a URL
     * ({@code scheme://user:password@host}): the chars before it, back to {@code ://}, are all user-info chars
     * (RFC 3986: unreserved, sub-delims, {@code :} and {@code %}), so a password such as {@code pw!x} does not leave
     * {@code x@host} behind as an address. Looks back at most 256 chars, so the e-mail pass stays linear.
     */
    private static boolean urlUserInfo(String text, int s) {
        for (int i = s - 1; i >= 2 && s - i <= 256; i--) {
            char c = text.charAt(i);
            if (c == '/') {
                return text.charAt(i - 1) == '/' && text.charAt(i - 2) == ':';
            }
            if (!isUserInfoChar(c)) {
                return false;
            }
        }
        return false;
    }

    private static boolean isUserInfoChar(char c) {
        return Text.isAsciiAlnum(c)
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~'
                || c == '%'
                || c == ':'
                || c == '!'
                || c == '$'
                || c == '&'
                || c == '\''
                || c == '('
                || c == ')'
                || c == '*'
                || c == '+'
                || c == ','
                || c == ';'
                || c == '=';
    }

    private static boolean isLocalChar(char c) {
        return Text.isAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    /** URLs with a scheme, and {@code www.} hosts; returns the work done: chars examined in each candidate. */
    static long urls(String text, List<Finding> out) {
        long work = 0;
        for (int p = text.indexOf("://"); p >= 0; p = text.indexOf("://", p + 3)) {
            int s = p;
            while (s > 0 && p - s < 6 && Text.isLetter(text.charAt(s - 1))) {
                s--;
            }
            if (!URL_SCHEMES.contains(text.substring(s, p).toLowerCase(Locale.ROOT))) {
                continue;
            }
            int e = urlEnd(text, p + 3);
            work += e - s;
            int hostEnd = p + 3;
            while (hostEnd < e
                    && text.charAt(hostEnd) != '/'
                    && text.charAt(hostEnd) != '?'
                    && text.charAt(hostEnd) != '#') {
                hostEnd++;
            }
            if (hostEnd > p + 3 && Text.isAsciiAlnum(text.charAt(p + 3))) {
                out.add(URL.at(s, e));
                p = Math.max(p, e - 3);
            }
        }
        for (int p = indexOfWww(text, 0); p >= 0; p = indexOfWww(text, p + 4)) {
            if (p > 0
                    && (Text.isAsciiAlnum(text.charAt(p - 1))
                            || text.charAt(p - 1) == '/'
                            || text.charAt(p - 1) == '.'
                            || text.charAt(p - 1) == '@')) {
                continue;
            }
            int e = urlEnd(text, p);
            work += e - p + 1;
            int hostEnd = p;
            while (hostEnd < e && text.charAt(hostEnd) != '/') {
                hostEnd++;
            }
            if (Domains.validDomain(text, p, hostEnd) && Domains.countDots(text, p, hostEnd) >= 2) {
                out.add(URL.at(p, e, WWW_CONFIDENCE));
                p = Math.max(p, e - 4);
            }
        }
        return work;
    }

    private static int indexOfWww(String text, int from) {
        int last = text.length() - 4;
        for (int i = text.indexOf('w', from); i >= 0 && i <= last; i = text.indexOf('w', i + 1)) {
            char next = text.charAt(i + 1);
            if ((next == 'w' || next == 'W') && text.regionMatches(true, i, "www.", 0, 4)) {
                return i;
            }
        }
        return -1;
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
}
