package dev.clearance;

/** The broad kind of a {@link Finding}. */
public enum FindingCategory {
    /** Credentials: API keys, tokens, private keys, passwords. */
    SECRET,
    /** Personal data, named as Presidio names it ({@code EMAIL_ADDRESS}, {@code US_SSN}, ...). */
    PII,
    /** The organization's own dictionaries and patterns (code names, customer names, hosts). */
    CUSTOM
}
