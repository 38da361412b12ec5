package dev.clearance;

import java.util.Objects;

/**
 * Something a detector found in the content: never the matched text itself, only where it is.
 *
 * <p>Spans are {@code [start, end)} in UTF-16 code units of the Java string that was scanned. Findings are also
 * the facts that rules match on, e.g. {@code $f : Finding(category == FindingCategory.SECRET)}.
 *
 * @param type           {@code SECRET} for every credential, {@code SECRET_ID} (category {@code SECRET}) for the
 *                       identifying part of a multi-part credential found beside its secret (a client id, an
 *                       account SID, a user name), a Presidio entity name for PII ({@code EMAIL_ADDRESS}),
 *                       {@code CUSTOM:<set>} for the organization's dictionaries
 * @param category       the broad kind
 * @param rule           the detector rule that produced it, e.g. {@code openai-api-key}
 * @param start          first UTF-16 index, inclusive
 * @param end            last UTF-16 index, exclusive
 * @param confidence     0 to 1
 * @param highRisk       true for government and financial identifiers ({@code CREDIT_CARD}, {@code US_SSN},
 *                       {@code IBAN_CODE}, ...)
 * @param classification for {@code CUSTOM} findings, the classification their set declares; {@code null} otherwise
 * @param redact         true when the finding's set asks to be redacted wherever it appears
 */
public record Finding(
        String type,
        FindingCategory category,
        String rule,
        int start,
        int end,
        double confidence,
        boolean highRisk,
        Classification classification,
        boolean redact) {

    public Finding {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(rule, "rule");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("invalid span [" + start + ", " + end + ")");
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be within [0, 1]: " + confidence);
        }
    }

    /** A credential finding of type {@code SECRET}. */
    public static Finding secret(String rule, int start, int end, double confidence) {
        return new Finding("SECRET", FindingCategory.SECRET, rule, start, end, confidence, false, null, false);
    }

    /** A personal-data finding. */
    public static Finding pii(String type, String rule, int start, int end, double confidence, boolean highRisk) {
        return new Finding(type, FindingCategory.PII, rule, start, end, confidence, highRisk, null, false);
    }

    /** A finding from the organization's set {@code set}, of type {@code CUSTOM:<set>}. */
    public static Finding custom(
            String set, String rule, int start, int end, Classification classification, boolean redact) {
        return new Finding(
                "CUSTOM:" + set, FindingCategory.CUSTOM, rule, start, end, 1.0, false, classification, redact);
    }

    /** Length of the span in UTF-16 code units. */
    public int length() {
        return end - start;
    }

    /** True when the two spans share at least one code unit. */
    public boolean overlaps(Finding other) {
        return start < other.end && other.start < end;
    }
}
