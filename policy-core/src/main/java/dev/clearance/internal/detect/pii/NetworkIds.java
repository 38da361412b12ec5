package dev.clearance.internal.detect.pii;

import dev.clearance.Finding;
import dev.clearance.internal.detect.Text;
import java.util.List;

/** Network identifiers: IPv4 (found in digit groups), IPv6 and MAC addresses (found in words). */
final class NetworkIds {
    static final PiiKind IPV4 = new PiiKind("IP_ADDRESS", "ipv4", 0.9, false);
    static final PiiKind IPV6 = new PiiKind("IP_ADDRESS", "ipv6", 0.9, false);
    static final PiiKind MAC = new PiiKind("MAC_ADDRESS", "mac", 0.85, false);

    private NetworkIds() {}

    static boolean mac(String text, int s, int e, char sep) {
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
    static boolean uniformMac(String text, int s, int e) {
        char first = Character.toUpperCase(text.charAt(s));
        for (int i = s; i < e; i++) {
            char c = Character.toUpperCase(text.charAt(i));
            if (Text.isHex(c) && c != first) {
                return false;
            }
        }
        return true;
    }

    static boolean cisco(String text, int s, int e) {
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

    /** Dotted-quad IPv4 at {@code s} (octets 0-255), with an optional {@code /prefix} up to 32. */
    static boolean ipv4(String text, int s, int e, List<Finding> out) {
        int i = s;
        for (int part = 0; part < 4; part++) {
            int p = i;
            int octet = 0;
            while (i < e && Text.isDigit(text.charAt(i)) && i - p < 4) {
                octet = octet * 10 + (text.charAt(i) - '0');
                i++;
            }
            if (i == p || i - p > 3 || octet > 255) {
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
        if (end < e && text.charAt(end) == '.' && end - s == 11) {
            return false; // dd.dd.dd.dd followed by a fifth part: a phone number as France writes it
        }
        if (end < text.length() && text.charAt(end) == '/') {
            int k = end + 1;
            while (k < text.length() && Text.isDigit(text.charAt(k)) && k - end <= 3) {
                k++;
            }
            if (k > end + 1 && digitsInRange(text, end + 1, k, 32)) {
                end = k;
            }
        }
        out.add(IPV4.at(s, end));
        return true;
    }
}
