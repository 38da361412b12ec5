package dev.clearance.internal.normalize;

/**
 * A transformed copy of content plus, for each of its chars, the range of original chars it came from, so that a
 * span found in the view maps back to a span of the original. A view of a view (a base64 run inside URL-encoded
 * text) maps through its parent.
 */
public final class View {
    private final String text;
    private final int[] from;
    private final int[] to;
    private final int wholeStart;
    private final int wholeEnd;
    private final View parent;
    private final int depth;

    View(String text, int[] from, int[] to) {
        this(text, from, to, -1, -1, null);
    }

    /** A view whose every span maps to the whole original range {@code [start, end)} (decoded base64). */
    View(String text, int start, int end) {
        this(text, null, null, start, end, null);
    }

    private View(String text, int[] from, int[] to, int wholeStart, int wholeEnd, View parent) {
        this.text = text;
        this.from = from;
        this.to = to;
        this.wholeStart = wholeStart;
        this.wholeEnd = wholeEnd;
        this.parent = parent;
        this.depth = parent == null ? 1 : parent.depth + 1;
    }

    /** This view, built over the text of {@code outer}, as a view of the original content. */
    View within(View outer) {
        return new View(text, from, to, wholeStart, wholeEnd, outer);
    }

    public String text() {
        return text;
    }

    /** How many transformations lie between the original content and this view (1 for a view of the content). */
    public int depth() {
        return depth;
    }

    /** Original start of the view span {@code [start, end)}. */
    public int originalStart(int start, int end) {
        int s = localStart(start);
        return parent == null ? s : parent.originalStart(s, Math.max(s + 1, localEnd(end)));
    }

    /** Original end of the view span {@code [start, end)}. */
    public int originalEnd(int start, int end) {
        int e = localEnd(end);
        return parent == null ? e : parent.originalEnd(Math.min(localStart(start), e - 1), e);
    }

    private int localStart(int start) {
        return from == null ? wholeStart : from[start];
    }

    private int localEnd(int end) {
        return to == null ? wholeEnd : to[end - 1];
    }
}
