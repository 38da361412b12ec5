package dev.clearance;

/** The outcome of a decision. Combination order: {@code DENY > REDACT > ALLOW}, and no rule at all is DENY. */
public enum Effect {
    /** The data may be sent as it is. */
    ALLOW,
    /** The data may be sent only with its findings replaced; see {@link Decision#content()}. */
    REDACT,
    /** The data must not be sent. */
    DENY
}
