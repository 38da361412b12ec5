package dev.clearance.audit;

/** Receives what a {@link LogFormat} reads: records, and issues with the line they are on. */
public interface LogSink {
    /** One readable record (it may still carry a non-skipping issue, reported separately). */
    void record(LogRecord record);

    /** A problem on {@code line} of {@code source}; never carries the line's text. */
    void issue(IssueKind kind, String source, long line);
}
