package dev.clearance.internal.normalize;

/**
 * The few {@link String} searches the evasion passes need, over a scan's shared {@code char[]}: the passes read
 * the array (no bounds check and coder test per char, as {@link String#charAt} pays on UTF-16 text) and never
 * write it.
 */
final class Chars {
    private Chars() {}

    /**
     * {@link String#indexOf(String, int)} over {@code a} for an ASCII {@code s} of two or more chars: a Horspool
     * search, which reads about one char per {@code s.length()} chars of text where {@code s}'s chars are rare
     * (the searches of the evasion passes), with no per-char coder test; the first match at or after {@code from},
     * or -1. {@code shift} is {@link #shifts} of {@code s}: how far the window may move when its last char is an
     * ASCII c; any other char moves it by {@code s.length()}.
     */
    static int indexOf(char[] a, String s, int[] shift, int from) {
        int m = s.length();
        int last = m - 1;
        char end = s.charAt(last);
        int n = a.length;
        for (int i = Math.max(0, from) + last; i < n; ) {
            char c = a[i];
            if (c == end && matchesBefore(a, s, i - last, last)) {
                return i - last;
            }
            i += c < 128 ? shift[c] : m;
        }
        return -1;
    }

    /** The Horspool shifts of the ASCII {@code s}: for each ASCII char, the distance of its last place but the end. */
    static int[] shifts(String s) {
        int m = s.length();
        int[] shift = new int[128];
        java.util.Arrays.fill(shift, m);
        for (int k = 0; k < m - 1; k++) {
            shift[s.charAt(k)] = m - 1 - k;
        }
        return shift;
    }

    private static boolean matchesBefore(char[] a, String s, int at, int count) {
        for (int k = 0; k < count; k++) {
            if (a[at + k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

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
