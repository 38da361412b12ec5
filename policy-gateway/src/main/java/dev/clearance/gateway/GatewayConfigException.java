package dev.clearance.gateway;

/**
 * The gateway's configuration cannot be used. The message names the key path (for example
 * {@code routes[1].upstream}) and what is wrong, never the value found there.
 */
public final class GatewayConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String path;

    GatewayConfigException(String path, String problem) {
        super((path.isEmpty() ? "configuration" : path) + ": " + problem);
        this.path = path;
    }

    /** Where in the file the problem is, such as {@code limits.maxBodyBytes}; empty for the whole file. */
    public String path() {
        return path;
    }
}
