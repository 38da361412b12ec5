package dev.clearance.internal.detect;

/**
 * Recognises values that only stand in for a secret: template variables ({@code ${VAR}}, {@code {{ var }}}),
 * environment lookups, {@code <your-key>}, masks ({@code xxxx}, {@code ****}), and documented example keys
 * (AWS publishes keys ending in {@code EXAMPLE}).
 */
public final class Placeholders {
    private static final String[] MARKERS = {
        "xxxx",
        "****",
        "....",
        "${",
        "{{",
        "}}",
        "$(",
        "%(",
        "<",
        ">",
        "your_",
        "your-",
        "your ",
        "yourkey",
        "yourtoken",
        "yoursecret",
        "changeme",
        "change_me",
        "change-me",
        "placeholder",
        "redacted",
        "dummy",
        "replace",
        "insert",
        "process.env",
        "os.environ",
        "getenv",
        "env(",
        "env[",
        "environ[",
        "secrets.",
        "vault:",
        "example.com",
        "[secret]",
        "[token]"
    };

    /** ASCII char -> the markers starting with it (each marker is lower-case ASCII). */
    private static final String[][] BY_FIRST = byFirst();

    /** A lowered char that equals no marker char. */
    private static final char NO_MATCH = '\uFFFF';

    private Placeholders() {}

    /** The markers, for tests. */
    static java.util.List<String> markers() {
        return java.util.List.of(MARKERS);
    }

    private static String[][] byFirst() {
        String[][] table = new String[128][];
        for (String m : MARKERS) {
            char c = m.charAt(0);
            String[] old = table[c] == null ? new String[0] : table[c];
            String[] grown = java.util.Arrays.copyOf(old, old.length + 1);
            grown[old.length] = m;
            table[c] = grown;
        }
        return table;
    }

    /** True when {@code text[start, end)} is a stand-in rather than a real credential. */
    public static boolean isPlaceholder(String text, int start, int end) {
        if (end - start <= 0) {
            return true;
        }
        char first = text.charAt(start);
        if (first == '$' || first == '%' || first == '@' && end - start > 1 && Text.isUpper(text.charAt(start + 1))) {
            return true;
        }
        if (endsWith(text, start, end, "EXAMPLE") || endsWith(text, start, end, "EXAMPLEKEY")) {
            return true;
        }
        if (containsMarker(text, start, end)) {
            return true;
        }
        return Text.distinct(text, start, end, 4) < 4 && end - start >= 6;
    }

    /**
     * Whether the value lower-cased ({@code toLowerCase(Locale.ROOT)}) holds a marker, compared in place: one table
     * lookup per char. Only ASCII letters and the Kelvin sign lower-case to the markers' ASCII chars one to one;
     * {@code U+0130} lower-cases to {@code i} and a combining dot, which no marker ends with, so it matches none.
     */
    static boolean containsMarker(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = lower(text.charAt(i));
            String[] markers = c < 128 ? BY_FIRST[c] : null;
            if (markers == null) {
                continue;
            }
            for (String m : markers) {
                if (markerAt(text, i, end, m)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean markerAt(String text, int at, int end, String marker) {
        int len = marker.length();
        if (end - at < len) {
            return false;
        }
        for (int k = 1; k < len; k++) {
            if (lower(text.charAt(at + k)) != marker.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** The char lower-cased as {@code String.toLowerCase(Locale.ROOT)} does, where the result can be a marker's. */
    private static char lower(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return c == '\u212A' ? 'k' : NO_MATCH;
    }

    public static boolean endsWith(String text, int start, int end, String suffix) {
        int n = suffix.length();
        return end - start >= n && text.regionMatches(end - n, suffix, 0, n);
    }

    public static boolean containsIgnoreCase(String text, int start, int end, String needle) {
        int n = needle.length();
        char c0 = AhoCorasick.fold(needle.charAt(0));
        for (int i = start; i + n <= end; i++) {
            if (AhoCorasick.fold(text.charAt(i)) == c0 && text.regionMatches(true, i, needle, 0, n)) {
                return true;
            }
        }
        return false;
    }
}
