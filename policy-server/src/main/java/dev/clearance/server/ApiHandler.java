package dev.clearance.server;

import dev.clearance.Decision;
import dev.clearance.InvalidRequestException;
import dev.clearance.PolicyEngine;
import dev.clearance.PolicyJson;
import dev.clearance.PolicyRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.Graceful;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the API without ever blocking a Jetty thread, so hostile clients cannot starve the server:
 * <ul>
 *   <li>{@code GET /health} and {@code GET /metrics} are answered right away on the thread that parsed the request;
 *   <li>request bodies are read asynchronously ({@link BodyReader}): a client trickling its body holds a connection,
 *       not a thread, and is cut when it falls below the minimum data rate;
 *   <li>a complete body is decided on the bounded decision pool ({@code decisions}); when its queue is full the
 *       answer is {@code 503}.
 * </ul>
 * Graceful: once shutdown begins, new requests get {@code 503}; shutdown waits for requests being decided, not for
 * bodies still arriving (those connections are closed when the server stops).
 */
final class ApiHandler extends Handler.Abstract.NonBlocking implements Graceful {
    static final String JSON_UTF8 = "application/json; charset=utf-8";
    static final String DECISIONS = "/v1/decisions";
    static final String REDACTIONS = "/v1/redactions";
    static final String HEALTH = "/health";
    static final String METRICS = "/metrics";

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final java.util.function.Supplier<PolicyEngine> engines;
    private final int maxBodyBytes;
    private final long minDataRate;
    private final ServerMetrics metrics;
    private final Executor decisions;
    private final long maxBufferedBytes;
    private final AtomicLong buffered = new AtomicLong();
    private final AtomicLong deciding = new AtomicLong();
    private final AtomicReference<CompletableFuture<Void>> shutdown = new AtomicReference<>();

    /**
     * @param engines the engine to decide with now: fixed, or the current one of a hot-reloading engine
     * @param decisions bounded pool that parses, decides and renders; throws {@link RejectedExecutionException}
     *     when full
     * @param minDataRate the minimum data rate {@link dev.clearance.server.http.MinimumDataRate} holds bodies to, for
     *     the 408's message
     * @param maxBufferedBytes most body bytes held at once, over all requests being read or decided
     */
    ApiHandler(
            java.util.function.Supplier<PolicyEngine> engines,
            int maxBodyBytes,
            long minDataRate,
            long maxBufferedBytes,
            ServerMetrics metrics,
            Executor decisions) {
        this.maxBufferedBytes = maxBufferedBytes;
        this.engines = engines;
        this.maxBodyBytes = maxBodyBytes;
        this.minDataRate = minDataRate;
        this.metrics = metrics;
        this.decisions = decisions;
    }

    private byte[] health() {
        PolicyEngine engine = engines.get();
        dev.clearance.EngineHealth h = engine.health();
        return Json.write(g -> {
                    // DEGRADED: a rule of the pack holds threads it never gave back; decisions still answer (DENY)
                    g.writeStringField("status", h.degraded() ? "DEGRADED" : "UP");
                    g.writeStringField("pack", engine.packId());
                    g.writeStringField("packVersion", engine.packVersion());
                    g.writeNumberField("ruleOverruns", h.overruns());
                    g.writeNumberField("stuckRuleWorkers", h.stuckWorkers());
                    g.writeNumberField("rejectedReloads", metrics.rejectedReloads());
                    g.writeNumberField("refusedRollbacks", metrics.refusedRollbacks());
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
        if (isShutdown()) {
            unavailable(endpoint, request, response, callback, "the server is shutting down");
            return true;
        }
        try {
            switch (endpoint) {
                case HEALTH -> {
                    requireMethod(request, "GET");
                    send(response, callback, 200, JSON_UTF8, health());
                    metrics.response(endpoint, 200);
                }
                case METRICS -> {
                    requireMethod(request, "GET");
                    send(response, callback, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.render());
                    metrics.response(endpoint, 200);
                }
                case DECISIONS, REDACTIONS -> {
                    requireMethod(request, "POST");
                    checkBodyHeaders(request);
                    BodyReader.read(
                            request,
                            maxBodyBytes,
                            buffered,
                            maxBufferedBytes,
                            outcome -> onBody(endpoint, outcome, request, response, callback));
                }
                default ->
                    throw new HttpError(
                            404,
                            "",
                            "no such endpoint; the API has POST " + DECISIONS + ", POST " + REDACTIONS + ", GET "
                                    + HEALTH + " and GET " + METRICS);
            }
        } catch (HttpError e) {
            error(endpoint, e, request, response, callback);
        } catch (RuntimeException | StackOverflowError e) {
            internalError(endpoint, e, response, callback);
        }
        return true;
    }

    /** A bug: logged with the exception class only, answered 500 (or the exchange failed if already answering). */
    private void internalError(String endpoint, Throwable e, Response response, Callback callback) {
        LOG.warn("request failed: {}", e.getClass().getName());
        metrics.response(endpoint, 500);
        if (response.isCommitted()) {
            callback.failed(e);
        } else {
            send(response, callback, 500, JSON_UTF8, Json.error("internal error", ""));
        }
    }

    private void onBody(
            String endpoint, BodyReader.Outcome outcome, Request request, Response response, Callback callback) {
        try {
            dispatch(endpoint, outcome, request, response, callback);
        } catch (RuntimeException e) {
            internalError(endpoint, e, response, callback);
        }
    }

    private void dispatch(
            String endpoint, BodyReader.Outcome outcome, Request request, Response response, Callback callback) {
        if (outcome instanceof BodyReader.Complete c) {
            submit(endpoint, c.body(), request, response, callback);
        } else if (outcome instanceof BodyReader.OverBudget) {
            metrics.busy();
            unavailable(endpoint, request, response, callback, "the server is busy; retry later");
        } else if (outcome instanceof BodyReader.TooLarge) {
            error(endpoint, tooLarge(), request, response, callback);
        } else if (outcome instanceof BodyReader.TooSlow) {
            // counted by MinimumDataRate, which cut it
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            send(
                    response,
                    callback,
                    408,
                    JSON_UTF8,
                    Json.error(
                            "request body arrived below the minimum data rate" + " of " + minDataRate
                                    + " bytes/s (--min-data-rate)",
                            ""));
            metrics.response(endpoint, 408);
        } else if (outcome instanceof BodyReader.Failed f) {
            // the client stalled past the idle timeout or went away mid-body: nothing useful can be sent
            LOG.debug("request body not received: {}", f.cause().getClass().getSimpleName());
            metrics.response(endpoint, 408);
            callback.failed(f.cause());
        }
    }

    /** Hands a complete body to the decision pool, counted as in flight until its response is written. */
    private void submit(String endpoint, byte[] body, Request request, Response response, Callback callback) {
        deciding.incrementAndGet();
        if (isShutdown()) {
            leave(body);
            unavailable(endpoint, request, response, callback, "the server is shutting down");
            return;
        }
        Callback counted = new Callback() {
            @Override
            public void succeeded() {
                try {
                    callback.succeeded();
                } finally {
                    leave(body);
                }
            }

            @Override
            public void failed(Throwable x) {
                try {
                    callback.failed(x);
                } finally {
                    leave(body);
                }
            }

            @Override
            public InvocationType getInvocationType() {
                return callback.getInvocationType();
            }
        };
        try {
            decisions.execute(() -> decide(endpoint, body, request, response, counted));
        } catch (RejectedExecutionException full) {
            metrics.busy();
            unavailable(endpoint, request, response, counted, "the server is busy; retry later");
        }
    }

    private void decide(String endpoint, byte[] body, Request request, Response response, Callback callback) {
        int status = 200;
        try {
            PolicyEngine engine = engines.get();
            if (DECISIONS.equals(endpoint)) {
                long started = System.nanoTime();
                PolicyRequest req = PolicyJson.readRequest(body);
                Decision d = engine.evaluate(req);
                String json = PolicyJson.write(d);
                metrics.decision(d, System.nanoTime() - started);
                send(response, callback, 200, JSON_UTF8, json);
            } else {
                String text = Json.readRedactionText(body);
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
        } catch (HttpError e) {
            error(endpoint, e, request, response, callback);
            return;
        } catch (InvalidRequestException e) {
            status = 400;
            send(response, callback, 400, JSON_UTF8, Json.error(e.getMessage(), e.field()));
        } catch (RuntimeException | StackOverflowError e) {
            internalError(endpoint, e, response, callback);
            return;
        }
        metrics.response(endpoint, status);
    }

    private void error(String endpoint, HttpError e, Request request, Response response, Callback callback) {
        if (e.status == 405) {
            response.getHeaders().put(HttpHeader.ALLOW, allowed(endpoint));
        }
        if (e.status == 413 || (e.status != 400 && request.getLength() != 0)) {
            // the body was not (fully) read: say so, or a client reusing the connection would write into a
            // connection the server is about to close
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        send(response, callback, e.status, JSON_UTF8, Json.error(e.getMessage(), e.field));
        metrics.response(endpoint, e.status);
    }

    private void unavailable(String endpoint, Request request, Response response, Callback callback, String message) {
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        send(response, callback, 503, JSON_UTF8, Json.error(message, ""));
        metrics.response(endpoint, 503);
    }

    private void leave(byte[] body) {
        buffered.addAndGet(-body.length);
        if (deciding.decrementAndGet() == 0) {
            CompletableFuture<Void> f = shutdown.get();
            if (f != null) {
                f.complete(null);
            }
        }
    }

    /** Stops taking requests; completes when no request is being decided any more. */
    @Override
    public CompletableFuture<Void> shutdown() {
        shutdown.compareAndSet(null, new CompletableFuture<>());
        CompletableFuture<Void> f = shutdown.get();
        if (deciding.get() == 0) {
            f.complete(null);
        }
        return f;
    }

    @Override
    public boolean isShutdown() {
        return shutdown.get() != null;
    }

    /** Requests being decided (bodies complete, response not yet written). */
    long deciding() {
        return deciding.get();
    }

    private static String allowed(String endpoint) {
        return DECISIONS.equals(endpoint) || REDACTIONS.equals(endpoint) ? "POST" : "GET";
    }

    private static void requireMethod(Request request, String method) {
        if (!method.equals(request.getMethod())) {
            throw new HttpError(405, "", "method not allowed; use " + method);
        }
    }

    private void checkBodyHeaders(Request request) {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (!isJson(type)) {
            throw new HttpError(415, "", "Content-Type must be application/json");
        }
        if (request.getLength() > maxBodyBytes) {
            throw tooLarge();
        }
    }

    private HttpError tooLarge() {
        return new HttpError(413, "", "request body exceeds " + maxBodyBytes + " bytes (--max-body-bytes)");
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
}
