package dev.clearance;

/**
 * How sensitive a piece of data is, ordered from least to most sensitive:
 * {@code PUBLIC < INTERNAL < CONFIDENTIAL < RESTRICTED}. A request that declares none is {@link #INTERNAL}.
 */
public enum Classification {
    PUBLIC,
    INTERNAL,
    CONFIDENTIAL,
    RESTRICTED;

    /** The classification a request gets when it declares none. */
    public static final Classification DEFAULT = INTERNAL;

    /** True when this classification is at least as sensitive as {@code other}. */
    public boolean atLeast(Classification other) {
        return compareTo(other) >= 0;
    }

    /** The more sensitive of the two; {@code null} counts as absent. */
    public static Classification max(Classification a, Classification b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.compareTo(b) >= 0 ? a : b;
    }
}
