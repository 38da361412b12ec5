package dev.clearance;

/**
 * Restores a text that arrives in chunks, e.g. a streamed model answer: {@link #push(String)} each chunk as it
 * arrives and emit what it returns, then emit {@link #finish()}. Only a possible placeholder cut at a chunk's end
 * is held back, never more than the longest placeholder's length; a placeholder is never emitted half. The
 * concatenated output equals {@link Restorer#restore(String)} of the whole text. From
 * {@link #of(Restorer)} or {@link Conversation#streamingRestorer()}; one per stream, thread-safe. Holds
 * raw values: prints none in {@link #toString()}.
 */
public final class StreamingRestorer {
    private final Restorer restorer;
    private final int longest;
    private String held = "";
    private boolean finished;

    /**
     * A restorer for text that arrives in chunks (a streamed answer), over {@code restorer}'s placeholders as they
     * are now. Its output, concatenated, equals {@code restorer.restore(whole)}.
     */
    public static StreamingRestorer of(Restorer restorer) {
        return new StreamingRestorer(restorer.frozen());
    }

    StreamingRestorer(Restorer restorer) {
        this.restorer = restorer;
        this.longest = restorer.longestPlaceholder();
    }

    /**
     * Takes the next chunk and returns the restored text that can be emitted now (possibly empty).
     *
     * @throws IllegalStateException after {@link #finish()}
     */
    public synchronized String push(String chunk) {
        if (finished) {
            throw new IllegalStateException("the stream was finished");
        }
        if (chunk == null || chunk.isEmpty()) {
            return "";
        }
        String text = held.isEmpty() ? chunk : held + chunk;
        held = "";
        if (longest == 0 || text.indexOf('[') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (text.charAt(i) == '[' && i + longest > n && text.indexOf(']', i + 1) < 0) {
                held = text.substring(i);
                break;
            }
            i += restorer.restoreAt(text, i, n, out);
        }
        return out.toString();
    }

    /** Ends the stream: returns the restored rest held back. */
    public synchronized String finish() {
        finished = true;
        String rest = held;
        held = "";
        return restorer.restore(rest);
    }

    /** Characters currently held back (at most the longest placeholder's length minus one). */
    public synchronized int heldBack() {
        return held.length();
    }

    @Override
    public String toString() {
        return "StreamingRestorer[" + held.length() + " chars held]";
    }
}
