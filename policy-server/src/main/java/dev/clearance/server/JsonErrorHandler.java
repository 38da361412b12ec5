package dev.clearance.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors that Jetty answers itself (malformed HTTP, oversized headers, shutdown) in the API's JSON shape, with the
 * status' reason phrase only: never Jetty's message (it can quote the request) and never a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {
    JsonErrorHandler() {
        setShowStacks(false);
        setShowMessageInTitle(false);
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ApiHandler.JSON_UTF8);
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    // Deprecated for removal in Jetty 12.1 but still what it calls for a request it rejects before any handler
    // runs (bad header, 431); without this override those answers would not be JSON. Revisit on Jetty 12.2.
    @SuppressWarnings("removal")
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, ApiHandler.JSON_UTF8));
        return ByteBuffer.wrap(body(status));
    }

    static byte[] body(int code) {
        String reason = HttpStatus.getMessage(code);
        return Json.error(reason == null ? "HTTP " + code : reason, "").getBytes(StandardCharsets.UTF_8);
    }
}
