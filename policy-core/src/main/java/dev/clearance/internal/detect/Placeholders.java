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

    private Placeholders() {}

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
        String value = text.substring(start, end).toLowerCase(java.util.Locale.ROOT);
        for (String marker : MARKERS) {
            if (value.contains(marker)) {
                return true;
            }
        }
        return Text.distinct(text, start, end, 4) < 4 && end - start >= 6;
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
