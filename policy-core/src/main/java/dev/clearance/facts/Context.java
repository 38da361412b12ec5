package dev.clearance.facts;

import dev.clearance.Direction;

/**
 * The request's purpose, e.g. {@code code-assistance}, and its direction: to the model or back from it. A rule
 * for model output reads {@code Context( response )}.
 */
public final class Context {
    private final String purpose;
    private final Direction direction;

    /** A context of a request to a model. */
    public Context(String purpose) {
        this(purpose, Direction.REQUEST);
    }

    public Context(String purpose, Direction direction) {
        this.purpose = purpose == null ? "" : purpose;
        this.direction = direction == null ? Direction.REQUEST : direction;
    }

    /** The declared purpose; {@code ""} when none. */
    public String getPurpose() {
        return purpose;
    }

    /** Whether the data goes to the model or comes back from it. */
    public Direction getDirection() {
        return direction;
    }

    /** True for what the model sends back. */
    public boolean isResponse() {
        return direction == Direction.RESPONSE;
    }

    /** True for what is sent to the model. */
    public boolean isRequest() {
        return direction == Direction.REQUEST;
    }

    @Override
    public String toString() {
        return "Context[purpose=" + purpose + ", direction=" + direction + "]";
    }
}
