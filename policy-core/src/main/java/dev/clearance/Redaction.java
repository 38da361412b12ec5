package dev.clearance;

import java.util.Objects;

/**
 * One span of the original content that was replaced. Never carries the replaced text.
 *
 * @param type        finding type, e.g. {@code EMAIL_ADDRESS}
 * @param rule        detector rule that found it, e.g. {@code openai-api-key}
 * @param start       first UTF-16 index in the original content, inclusive
 * @param end         last UTF-16 index in the original content, exclusive
 * @param replacement what stands in the redacted content, e.g. {@code [EMAIL_ADDRESS_1]}
 */
public record Redaction(String type, String rule, int start, int end, String replacement) {

    public Redaction {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(replacement, "replacement");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("invalid span [" + start + ", " + end + ")");
        }
    }
}
