package dev.clearance.server;

import dev.clearance.Decision;
import dev.clearance.InvalidRequestException;
import dev.clearance.PolicyEngine;
import dev.clearance.PolicyJson;
import dev.clearance.PolicyRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes the API. Blocking: Jetty runs it on a worker thread of the bounded pool. */
final class ApiHandler extends Handler.Abstract {
    static final String JSON_UTF8 = "application/json; charset=utf-8";
    static final String DECISIONS = "/v1/decisions";
    static final String REDACTIONS = "/v1/redactions";
    static final String HEALTH = "/health";
    static final String METRICS = "/metrics";

    private static final Logger LOG = LoggerFactory.getLogger(ClearanceServer.class);

    private final java.util.function.Supplier<PolicyEngine> engines;
    private final int maxBodyBytes;
    private final ServerMetrics metrics;

    /** @param engines the engine to decide with now: fixed, or the current one of a hot-reloading engine */
    ApiHandler(java.util.function.Supplier<PolicyEngine> engines, int maxBodyBytes) {
        this.engines = engines;
        this.maxBodyBytes = maxBodyBytes;
        this.metrics = new ServerMetrics(engines);
    }

    private byte[] health() {
        PolicyEngine engine = engines.get();
        return Json.write(g -> {
                    g.writeStringField("status", "UP");
                    g.writeStringField("pack", engine.packId());
                    g.writeStringField("packVersion", engine.packVersion());
                })
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        String endpoint = switch (path == null ? "" : path) {
            case DECISIONS, REDACTIONS, HEALTH, METRICS -> path;
            default -> "other";
        };
        int status;
        try {
            status = route(endpoint, request, response, callback);
        } catch (HttpError e) {
            status = e.status;
            if (e.status == 405) {
                response.getHeaders().put(HttpHeader.ALLOW, allowed(endpoint));
            }
            if (e.status == 413 || (e.status != 400 && request.getLength() != 0)) {
                // the body was not (fully) read: say so, or a client reusing the connection would write into a
                // connection the server is about to close
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
            }
            send(response, callback, e.status, JSON_UTF8, Json.error(e.getMessage(), e.field));
        } catch (InvalidRequestException e) {
            status = 400;
            send(response, callback, 400, JSON_UTF8, Json.error(e.getMessage(), e.field()));
        } catch (BodyReadFailed e) {
            // the client stalled past the idle timeout or went away mid-body: nothing useful can be sent
            status = 408;
            LOG.debug("request body not received: {}", e.getCause().getClass().getSimpleName());
            callback.failed(e.getCause());
        } catch (RuntimeException | StackOverflowError e) {
            status = 500;
            LOG.warn("request failed: {}", e.getClass().getName());
            send(response, callback, 500, JSON_UTF8, Json.error("internal error", ""));
        }
        metrics.response(endpoint, status);
        return true;
    }

    private int route(String endpoint, Request request, Response response, Callback callback) {
        PolicyEngine engine = engines.get();
        switch (endpoint) {
            case DECISIONS -> {
                long started = System.nanoTime();
                requireMethod(request, "POST");
                PolicyRequest req = PolicyJson.readRequest(readJsonBody(request));
                Decision d = engine.evaluate(req);
                String json = PolicyJson.write(d);
                metrics.decision(d, System.nanoTime() - started);
                send(response, callback, 200, JSON_UTF8, json);
            }
            case REDACTIONS -> {
                requireMethod(request, "POST");
                String text = Json.readRedactionText(readJsonBody(request));
                int max = engine.limits().maxContentChars();
                if (text.length() > max) {
                    throw new HttpError(
                            413,
                            "text",
                            "text exceeds the maximum content length of " + max
                                    + " UTF-16 units (EvaluationLimits.maxContentChars(), --max-content-chars)");
                }
                String json = Json.redaction(engine.redact(text));
                metrics.redaction();
                send(response, callback, 200, JSON_UTF8, json);
            }
            case HEALTH -> {
                requireMethod(request, "GET");
                send(response, callback, 200, JSON_UTF8, health());
            }
            case METRICS -> {
                requireMethod(request, "GET");
                send(response, callback, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.render());
            }
            default ->
                throw new HttpError(
                        404,
                        "",
                        "no such endpoint; the API has POST " + DECISIONS + ", POST " + REDACTIONS + ", GET " + HEALTH
                                + " and GET " + METRICS);
        }
        return 200;
    }

    private static String allowed(String endpoint) {
        return DECISIONS.equals(endpoint) || REDACTIONS.equals(endpoint) ? "POST" : "GET";
    }

    private static void requireMethod(Request request, String method) {
        if (!method.equals(request.getMethod())) {
            throw new HttpError(405, "", "method not allowed; use " + method);
        }
    }

    private byte[] readJsonBody(Request request) {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (!isJson(type)) {
            throw new HttpError(415, "", "Content-Type must be application/json");
        }
        long declared = request.getLength();
        if (declared > maxBodyBytes) {
            throw new HttpError(413, "", "request body exceeds " + maxBodyBytes + " bytes (--max-body-bytes)");
        }
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readNBytes(maxBodyBytes + 1);
        } catch (IOException | RuntimeException e) {
            throw new BodyReadFailed(e);
        }
        if (body.length > maxBodyBytes) {
            throw new HttpError(413, "", "request body exceeds " + maxBodyBytes + " bytes (--max-body-bytes)");
        }
        return body;
    }

    /** {@code application/json} or {@code application/*+json}, with no charset or UTF-8. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        String mime = parts[0].strip();
        if (!mime.equals("application/json") && !(mime.startsWith("application/") && mime.endsWith("+json"))) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.startsWith("charset=") && !p.substring(8).replace("\"", "").equals("utf-8")) {
                return false;
            }
        }
        return true;
    }

    private static void send(Response response, Callback callback, int status, String type, String body) {
        send(response, callback, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(Response response, Callback callback, int status, String type, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Reading the body failed: the client stalled past the idle timeout or disconnected. */
    private static final class BodyReadFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BodyReadFailed(Throwable cause) {
            super(null, cause, false, false);
        }
    }
}
