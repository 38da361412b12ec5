package dev.clearance;

/** The kind of AI destination, which decides what the provider may do with the data it receives. */
public enum Tier {
    /** Personal chat apps; trained on unless the user opts out (and some offer no opt-out). */
    CONSUMER,
    /** Developer APIs billed per use; not trained on by default, retained briefly for abuse monitoring. */
    API,
    /** Business plans with contractual data terms; never trained on. */
    ENTERPRISE,
    /** Models on the organization's own hardware; the data never leaves. */
    LOCAL,
    /**
     * A destination the catalog does not know and the request names no tier for: treated as a consumer tool that
     * trains. Never valid in a request or a catalog entry.
     */
    UNKNOWN
}
