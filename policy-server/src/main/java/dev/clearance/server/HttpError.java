package dev.clearance.server;

/** An HTTP error answered as {@code {"error": message, "field": field}}; messages never quote the request. */
final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;
    final String field;

    HttpError(int status, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
    }
}
