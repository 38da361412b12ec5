package dev.clearance.internal.detect;

/** A read-only window {@code [start, end)} of a string, without copying it; indices are relative to the window. */
public final class Slice implements CharSequence {
    private final String text;
    private final int start;
    private final int end;

    public Slice(String text, int start, int end) {
        this.text = text;
        this.start = start;
        this.end = end;
    }

    @Override
    public int length() {
        return end - start;
    }

    @Override
    public char charAt(int index) {
        return text.charAt(start + index);
    }

    @Override
    public CharSequence subSequence(int from, int to) {
        return new Slice(text, start + from, start + to);
    }

    @Override
    public String toString() {
        return text.substring(start, end);
    }
}
