package dev.clearance.internal.normalize;

/**
 * The few {@link String} searches the evasion passes need, over a scan's shared {@code char[]}: the passes read
 * the array (no bounds check and coder test per char, as {@link String#charAt} pays on UTF-16 text) and never
 * write it.
 */
final class Chars {
    private Chars() {}

    /** {@link String#startsWith(String, int)} over {@code a}. */
    static boolean startsWith(char[] a, String s, int at) {
        int m = s.length();
        if (at < 0 || at > a.length - m) {
            return false;
        }
        for (int k = 0; k < m; k++) {
            if (a[at + k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
