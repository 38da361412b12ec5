package dev.clearance.internal.detect;

/**
 * A read-only window {@code [start, end)} of a scan's {@code char[]} ({@link ScanText#chars()}), handed to RE2J
 * instead of a slice of the {@link String}: each char RE2J reads is one array load, not {@link String#charAt}'s
 * bounds check and coder test (a text with any char above U+00FF is stored as UTF-16, where every {@code charAt}
 * is a checked two-byte read). Indices are relative to the window; the array is never written.
 */
public final class Slice implements CharSequence {
    private final char[] chars;
    private final int start;
    private final int end;

    public Slice(char[] chars, int start, int end) {
        this.chars = chars;
        this.start = start;
        this.end = end;
    }

    @Override
    public int length() {
        return end - start;
    }

    @Override
    public char charAt(int index) {
        return chars[start + index];
    }

    @Override
    public CharSequence subSequence(int from, int to) {
        return new Slice(chars, start + from, start + to);
    }

    @Override
    public String toString() {
        return new String(chars, start, end - start);
    }
}
