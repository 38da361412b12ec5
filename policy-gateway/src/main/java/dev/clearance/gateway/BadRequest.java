package dev.clearance.gateway;

/** A request the gateway cannot check: answered 400 in the provider's shape. The message never quotes content. */
final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
        super(message, null, false, false);
    }
}
