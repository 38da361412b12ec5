package dev.clearance;

import java.util.List;
import java.util.Objects;

/**
 * Content with findings replaced, from {@link PolicyEngine#redact(String)}.
 *
 * @param content    the redacted text
 * @param redactions what was replaced where, in content order
 * @param restorer   maps placeholders back to the values; never serialized or logged
 */
public record RedactionResult(String content, List<Redaction> redactions, Restorer restorer) {

    public RedactionResult {
        Objects.requireNonNull(content, "content");
        redactions = List.copyOf(redactions);
        Objects.requireNonNull(restorer, "restorer");
    }

    /** Puts the original values back in place of this result's placeholders. */
    public String restore(String text) {
        return restorer.restore(text);
    }

    @Override
    public String toString() {
        return "RedactionResult[" + redactions.size() + " redactions, " + content.length() + " chars]";
    }
}
