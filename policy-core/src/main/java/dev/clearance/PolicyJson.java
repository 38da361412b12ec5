package dev.clearance;

import dev.clearance.decisionlog.DecisionLogRecord;
import dev.clearance.internal.json.DecisionJson;
import dev.clearance.internal.json.DecisionLogJson;
import dev.clearance.internal.json.RequestJson;
import java.util.Objects;

/**
 * The JSON forms of the public contract. Reading is strict: an unknown field, an unknown enum value, a wrong
 * type, duplicate keys, trailing data or a missing destination is an {@link InvalidRequestException} whose message
 * names the field and never quotes the document.
 */
public final class PolicyJson {
    private PolicyJson() {}

    /**
     * Parses request JSON.
     *
     * @throws InvalidRequestException when the document is not a valid request
     */
    public static PolicyRequest readRequest(String json) {
        return RequestJson.read(json);
    }

    /** Parses request JSON from UTF-8 bytes (invalid UTF-8 is an {@link InvalidRequestException}). */
    public static PolicyRequest readRequest(byte[] json) {
        return RequestJson.read(json);
    }

    /**
     * Renders a request as one line of request JSON, {@code direction} included ({@code "request"} or
     * {@code "response"}); {@link #readRequest(String)} reads it back to an equal request. The request's own
     * detection tuning ({@link PolicyRequest#tuning()}) is not written: a request with tuning reads back without it.
     */
    public static String write(PolicyRequest request) {
        return RequestJson.write(Objects.requireNonNull(request, "request"));
    }

    /** Renders a decision as one line of JSON, in the contract's field order; never the restore mapping. */
    public static String write(Decision decision) {
        return DecisionJson.write(decision);
    }

    /** One line of JSON in the decision log's format: ids, effect, rules, destination, counts, never content. */
    public static String write(DecisionLogRecord record) {
        return DecisionLogJson.write(Objects.requireNonNull(record, "record"));
    }
}
