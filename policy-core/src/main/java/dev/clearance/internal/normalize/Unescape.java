package dev.clearance.internal.normalize;

import java.util.Map;

/**
 * HTML character references ({@code &#64;}, {@code &#x40;}, {@code &commat;}) and the escapes of pasted source
 * and JSON (backslash {@code u0040}, {@code u{40}}, {@code U00000040} and {@code x40}) decoded in one pass; each decoded
 * char maps to the whole reference or escape. E-mail addresses spelled out ({@code name (at) example [dot] com})
 * are joined back.
 */
final class Unescape {
    private Unescape() {}

    /** Named references worth decoding: the ones that spell identifiers, URLs and assignments. */
    private static final Map<String, Character> NAMED = Map.ofEntries(
            Map.entry("amp", '&'),
            Map.entry("lt", '<'),
            Map.entry("gt", '>'),
            Map.entry("quot", '"'),
            Map.entry("apos", '\''),
            Map.entry("nbsp", ' '),
            Map.entry("commat", '@'),
            Map.entry("period", '.'),
            Map.entry("colon", ':'),
            Map.entry("sol", '/'),
            Map.entry("bsol", '\\'),
            Map.entry("equals", '='),
            Map.entry("plus", '+'),
            Map.entry("minus", '-'),
            Map.entry("hyphen", '-'),
            Map.entry("dash", '-'),
            Map.entry("lowbar", '_'),
            Map.entry("num", '#'),
            Map.entry("percnt", '%'),
            Map.entry("quest", '?'),
            Map.entry("excl", '!'),
            Map.entry("comma", ','),
            Map.entry("semi", ';'),
            Map.entry("dollar", '$'),
            Map.entry("ast", '*'),
            Map.entry("tilde", '~'),
            Map.entry("lpar", '('),
            Map.entry("rpar", ')'),
            Map.entry("lsqb", '['),
            Map.entry("rsqb", ']'),
            Map.entry("lcub", '{'),
            Map.entry("rcub", '}'),
            Map.entry("vert", '|'),
            Map.entry("Tab", '\t'),
            Map.entry("NewLine", '\n'));

    /** Longest named reference in {@link #NAMED}, without {@code &} and {@code ;}. */
    private static final int MAX_NAME = 7;

    /** The view with every reference and escape decoded, or null when there is none. */
    static View unescaped(char[] text) {
        int n = text.length;
        StringBuilder out = new StringBuilder(n);
        int[] from = new int[n];
        int[] to = new int[n];
        boolean changed = false;
        int i = 0;
        while (i < n) {
            char c = text[i];
            long decoded = c == '&' ? reference(text, i) : c == '\\' ? escape(text, i) : spelled(text, i);
            if (decoded >= 0 && (c == '(' || c == '[' || c == '{')) {
                // "name (at) example [dot] com": the blank before the word goes too
                int before = out.length();
                int s = i;
                if (before > 0 && out.charAt(before - 1) == ' ' && from[before - 1] == i - 1) {
                    out.setLength(before - 1);
                    s = i - 1;
                }
                int len = (int) (decoded & 0xff);
                int e = i + len;
                while (e < n && e - i - len < 1 && text[e] == ' ') {
                    e++;
                }
                from[out.length()] = s;
                to[out.length()] = e;
                out.append((char) (decoded >>> 8));
                i = e;
                changed = true;
                continue;
            }
            if (decoded >= 0) {
                int cp = (int) (decoded >>> 8);
                int len = (int) (decoded & 0xff);
                int before = out.length();
                out.appendCodePoint(cp);
                for (int k = before; k < out.length(); k++) {
                    from[k] = i;
                    to[k] = i + len;
                }
                i += len;
                changed = true;
                continue;
            }
            from[out.length()] = i;
            to[out.length()] = i + 1;
            out.append(c);
            i++;
        }
        if (!changed) {
            return null;
        }
        return new View(
                out.toString(), java.util.Arrays.copyOf(from, out.length()), java.util.Arrays.copyOf(to, out.length()));
    }

    /** {@code codePoint << 8 | length} of the reference at {@code i}, or -1. */
    static long reference(char[] text, int i) {
        int n = text.length;
        int j = i + 1;
        if (j < n && text[j] == '#') {
            j++;
            int radix = 10;
            if (j < n && (text[j] == 'x' || text[j] == 'X')) {
                radix = 16;
                j++;
            }
            int digitsStart = j;
            int cp = 0;
            while (j < n && j - digitsStart < 7 && Character.digit(text[j], radix) >= 0 && text[j] < 0x80) {
                cp = cp * radix + Character.digit(text[j], radix);
                j++;
            }
            if (j == digitsStart || !Character.isValidCodePoint(cp) || cp == 0) {
                return -1;
            }
            if (j < n && text[j] == ';') {
                j++;
            }
            return (long) cp << 8 | (j - i);
        }
        int nameStart = j;
        while (j < n && j - nameStart <= MAX_NAME && isAsciiLetter(text[j])) {
            j++;
        }
        if (j == nameStart || j >= n || text[j] != ';') {
            return -1;
        }
        Character c = NAMED.get(new String(text, nameStart, j - nameStart));
        if (c == null) {
            c = NAMED.get(new String(text, nameStart, j - nameStart).toLowerCase(java.util.Locale.ROOT));
        }
        return c == null ? -1 : (long) c << 8 | (j + 1 - i);
    }

    /**
     * {@code '@' << 8 | length} or {@code '.' << 8 | length} of an e-mail address spelled out at {@code i}:
     * {@code (at)}, {@code [at]}, {@code {at}}, {@code (dot)}, {@code [dot]}, {@code {dot}}, any case; else -1.
     */
    static long spelled(char[] text, int i) {
        char open = text[i];
        char close = open == '(' ? ')' : open == '[' ? ']' : open == '{' ? '}' : 0;
        if (close == 0 || i + 1 >= text.length) {
            return -1;
        }
        char first = text[i + 1];
        if (first < 0x80 && first != 'a' && first != 'A' && first != 'd' && first != 'D') {
            return -1; // no other ASCII char matches 'a' or 'd' ignoring case
        }
        if (i + 3 < text.length && lower(text[i + 1]) == 'a' && lower(text[i + 2]) == 't' && text[i + 3] == close) {
            return (long) '@' << 8 | 4;
        }
        if (i + 4 < text.length
                && lower(text[i + 1]) == 'd'
                && lower(text[i + 2]) == 'o'
                && lower(text[i + 3]) == 't'
                && text[i + 4] == close) {
            return (long) '.' << 8 | 5;
        }
        return -1;
    }

    /** {@code codePoint << 8 | length} of the escape at {@code i} ({@code \}), or -1. */
    static long escape(char[] text, int i) {
        int n = text.length;
        if (i + 1 >= n) {
            return -1;
        }
        char kind = text[i + 1];
        int digits;
        int j = i + 2;
        if (kind == 'x') {
            digits = 2;
        } else if (kind == 'u' && j < n && text[j] == '{') {
            int k = j + 1;
            int cp = 0;
            while (k < n && k - j <= 6 && hex(text[k]) >= 0) {
                cp = cp * 16 + hex(text[k]);
                k++;
            }
            if (k == j + 1 || k >= n || text[k] != '}' || !Character.isValidCodePoint(cp) || cp == 0) {
                return -1;
            }
            return (long) cp << 8 | (k + 1 - i);
        } else if (kind == 'u') {
            digits = 4;
        } else if (kind == 'U') {
            digits = 8;
        } else {
            return -1;
        }
        if (j + digits > n) {
            return -1;
        }
        long cp = 0;
        for (int k = j; k < j + digits; k++) {
            int h = hex(text[k]);
            if (h < 0) {
                return -1;
            }
            cp = cp * 16 + h;
        }
        if (cp == 0 || cp > Character.MAX_CODE_POINT) {
            return -1;
        }
        return cp << 8 | (2 + digits);
    }

    private static int hex(char c) {
        return c < 0x80 ? Character.digit(c, 16) : -1;
    }

    /**
     * {@code c} with the bit that makes an ASCII letter lower case set: {@code a}, {@code d}, {@code o}, {@code t}
     * for just those letters in either case, as {@link String#regionMatches(boolean, int, String, int, int)} would
     * match them (no other char folds to them).
     */
    private static int lower(char c) {
        return c | 0x20;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
