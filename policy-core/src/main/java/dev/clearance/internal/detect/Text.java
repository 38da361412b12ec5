package dev.clearance.internal.detect;

/** Small, allocation-free helpers over UTF-16 text shared by the detectors. */
public final class Text {
    private Text() {}

    public static boolean isAsciiAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    public static boolean isWordChar(char c) {
        return isAsciiAlnum(c) || c == '_';
    }

    public static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    public static boolean isDigitInt(int c) {
        return c >= '0' && c <= '9';
    }

    public static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    public static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    public static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** True when {@code text[i]} exists and is an ASCII letter, digit or underscore. */
    public static boolean wordAt(CharSequence text, int i) {
        return i >= 0 && i < text.length() && isWordChar(text.charAt(i));
    }

    /** First index of {@code c} in {@code text[from, to)}, or -1. */
    public static int indexOf(String text, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    /** Last index of {@code c} in {@code text[from, to)}, or -1. */
    public static int lastIndexOf(String text, char c, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    /** Shannon entropy in bits per character of {@code text[start, end)}, as secret scanners compute it. */
    public static double entropy(CharSequence text, int start, int end) {
        int n = end - start;
        if (n <= 0) {
            return 0;
        }
        int[] counts = new int[128];
        int other = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double h = 0;
        for (int count : counts) {
            if (count > 0) {
                double p = (double) count / n;
                h -= p * (Math.log(p) / Math.log(2));
            }
        }
        if (other > 0) {
            double p = (double) other / n;
            h -= p * (Math.log(p) / Math.log(2));
        }
        return h;
    }

    /** Number of distinct characters in {@code text[start, end)}, stopping early at {@code cap}. */
    public static int distinct(CharSequence text, int start, int end, int cap) {
        long lo = 0;
        long hi = 0;
        int n = 0;
        for (int i = start; i < end && n < cap; i++) {
            char c = text.charAt(i);
            int b = c & 127;
            if (b < 64) {
                if ((lo & (1L << b)) == 0) {
                    lo |= 1L << b;
                    n++;
                }
            } else if ((hi & (1L << (b - 64))) == 0) {
                hi |= 1L << (b - 64);
                n++;
            }
        }
        return n;
    }
}
