package dev.clearance;

/** Root of every exception Clearance throws. Unchecked; branch on the subtype, never on the message. */
public abstract class PolicyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected PolicyException(String message) {
        super(message);
    }

    protected PolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
