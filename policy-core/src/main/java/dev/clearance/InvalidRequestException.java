package dev.clearance;

import java.util.Objects;

/**
 * A request (or request JSON) that cannot be understood: invalid JSON, an unknown field, an unknown enum value,
 * a missing destination. The message names the field and never contains the request's content.
 */
public final class InvalidRequestException extends PolicyException {
    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param field   dotted path of the offending field, e.g. {@code data.classification}; {@code ""} for the whole
     *                document
     * @param message what is wrong, without any content from the request
     */
    public InvalidRequestException(String field, String message) {
        super(message);
        this.field = Objects.requireNonNull(field, "field");
    }

    /** Dotted path of the offending field, or {@code ""} when the problem is the whole document. */
    public String field() {
        return field;
    }
}
