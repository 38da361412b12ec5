package dev.clearance.audit;

import dev.clearance.Classification;
import java.time.Instant;
import java.util.Objects;

/**
 * One request found in a log. {@link #toString()} never shows the content.
 *
 * @param source         the file (or stream) it came from, for issue reports
 * @param line           its 1-based line number in the source (the first line of a multi-line CSV record)
 * @param time           when it was sent; nullable (absent or unreadable)
 * @param user           who sent it; nullable
 * @param url            where it went; nullable when {@code product} is given
 * @param product        catalog product id; nullable when {@code url} is given
 * @param content        what was sent; nullable
 * @param classification declared classification; nullable (then {@link Classification#DEFAULT})
 */
public record LogRecord(
        String source,
        long line,
        Instant time,
        String user,
        String url,
        String product,
        String content,
        Classification classification)
        implements java.io.Serializable {

    public LogRecord {
        Objects.requireNonNull(source, "source");
    }

    @Override
    public String toString() {
        return "LogRecord[" + source + ":" + line + ", time=" + time + ", user=" + user + ", product=" + product
                + ", url=" + (url == null ? null : "…") + ", content="
                + (content == null ? "none" : content.length() + " chars") + ", classification=" + classification + "]";
    }
}
