package dev.clearance.audit;

/**
 * What can be wrong with a log line. Each is counted in the {@link AuditSummary} with sample line numbers; none
 * stops the run. The record is {@linkplain #skipsRecord() skipped} when it cannot be decided faithfully, and
 * decided anyway otherwise.
 */
public enum IssueKind {
    /** A JSONL line that is not a JSON object. Skipped. */
    MALFORMED_JSON(true),
    /** A CSV line that cannot be split into the header's columns. Skipped. */
    MALFORMED_CSV(true),
    /** Neither a {@code url} nor a {@code product}: no destination to decide for. Skipped. */
    MISSING_DESTINATION(true),
    /** A classification that is not PUBLIC, INTERNAL, CONFIDENTIAL or RESTRICTED, or a field of the wrong type. Skipped. */
    INVALID_VALUE(true),
    /** A URL whose host no catalog product is reached through (not an AI tool the catalog knows). Skipped, unless unknown hosts are decided. */
    UNKNOWN_HOST(true),
    /** A {@code url} without a recognisable host. Skipped. */
    INVALID_URL(true),
    /** A line longer than the reader's maximum; its bytes are not kept. Skipped. */
    LINE_TOO_LONG(true),
    /** Bytes that are not UTF-8; replaced by U+FFFD and decided. */
    INVALID_UTF8(false),
    /** A {@code time} that is neither ISO-8601 nor epoch seconds or milliseconds; decided, left out of the time chart. */
    INVALID_TIME(false),
    /** Content longer than the engine's {@code maxContentChars}; decided (the engine denies it, naming the limit). */
    CONTENT_TOO_LARGE(false);

    private final boolean skipsRecord;

    IssueKind(boolean skipsRecord) {
        this.skipsRecord = skipsRecord;
    }

    /** Whether a line with this issue is left undecided. */
    public boolean skipsRecord() {
        return skipsRecord;
    }
}
