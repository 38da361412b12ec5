package dev.clearance;

import java.util.Objects;

/**
 * A configured limit was exceeded where no decision can carry it (e.g. while parsing). During evaluation a limit
 * never throws: the decision is {@code DENY} with a reason naming the setting.
 */
public final class LimitExceededException extends PolicyException {
    private static final long serialVersionUID = 1L;

    private final String setting;
    private final long limit;

    public LimitExceededException(String setting, long limit, String message) {
        super(message);
        this.setting = Objects.requireNonNull(setting, "setting");
        this.limit = limit;
    }

    /** The name of the setting, e.g. {@code maxContentChars}. */
    public String setting() {
        return setting;
    }

    /** The configured value that was exceeded. */
    public long limit() {
        return limit;
    }
}
