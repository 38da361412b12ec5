package dev.clearance.facts;

/** The request's purpose, e.g. {@code code-assistance}. */
public final class Context {
    private final String purpose;

    public Context(String purpose) {
        this.purpose = purpose == null ? "" : purpose;
    }

    /** The declared purpose; {@code ""} when none. */
    public String getPurpose() {
        return purpose;
    }

    @Override
    public String toString() {
        return "Context[purpose=" + purpose + "]";
    }
}
