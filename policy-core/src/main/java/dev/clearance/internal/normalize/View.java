package dev.clearance.internal.normalize;

/**
 * A transformed copy of content plus, for each of its chars, the range of original chars it came from, so that a
 * span found in the view maps back to a span of the original.
 */
public final class View {
    private final String text;
    private final int[] from;
    private final int[] to;
    private final int wholeStart;
    private final int wholeEnd;

    View(String text, int[] from, int[] to) {
        this.text = text;
        this.from = from;
        this.to = to;
        this.wholeStart = -1;
        this.wholeEnd = -1;
    }

    /** A view whose every span maps to the whole original range {@code [start, end)} (decoded base64). */
    View(String text, int start, int end) {
        this.text = text;
        this.from = null;
        this.to = null;
        this.wholeStart = start;
        this.wholeEnd = end;
    }

    public String text() {
        return text;
    }

    /** Original start of the view span {@code [start, end)}. */
    public int originalStart(int start, int end) {
        return from == null ? wholeStart : from[start];
    }

    /** Original end of the view span {@code [start, end)}. */
    public int originalEnd(int start, int end) {
        return to == null ? wholeEnd : to[end - 1];
    }
}
