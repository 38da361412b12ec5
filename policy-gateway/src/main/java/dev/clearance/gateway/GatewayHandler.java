package dev.clearance.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clearance.Classification;
import dev.clearance.Conversation;
import dev.clearance.Effect;
import dev.clearance.PolicyDecider;
import dev.clearance.PolicyRequest;
import dev.clearance.RedactionVault;
import dev.clearance.ResponseBlockedException;
import dev.clearance.ResponseGuard;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.ByteBufferRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provider request: route, caller, classification, body (read without holding a thread), every part decided,
 * then DENY answered in the provider's error shape, or the request forwarded (byte for byte when allowed, with
 * placeholders when redacted) and the answer checked and restored, whole or event by event. Everything that
 * goes wrong is an error in the provider's shape, counted and logged without content; nothing unchecked is
 * forwarded either way.
 */
final class GatewayHandler extends Handler.Abstract {
    static final String JSON_UTF8 = "application/json";
    private static final Logger LOG = LoggerFactory.getLogger(GatewayHandler.class);

    /** Caller headers never forwarded: hop-by-hop, framing, identity and the gateway's own. */
    private static final Set<String> DROPPED = Set.of(
            "host",
            "connection",
            "keep-alive",
            "proxy-connection",
            "transfer-encoding",
            "te",
            "trailer",
            "upgrade",
            "content-length",
            "content-encoding",
            "accept-encoding",
            "expect",
            "authorization",
            "x-api-key",
            "cookie");

    /** Upstream response headers passed back to the caller. */
    private static final Set<String> PASSED_BACK = Set.of(
            "x-request-id",
            "request-id",
            "openai-processing-ms",
            "openai-version",
            "anthropic-organization-id",
            "retry-after",
            "x-ratelimit-limit-requests",
            "x-ratelimit-remaining-requests",
            "x-ratelimit-limit-tokens",
            "x-ratelimit-remaining-tokens");

    private final GatewayConfig config;
    private final PolicyDecider engine;
    private final PackStatus packStatus;
    private final Checker checker;
    private final ResponseGuard guard;
    private final RedactionVault vault;
    private final Callers callers;
    private final Map<GatewayConfig.Route, String> upstreamKeys;
    private final HttpClient client;
    final Metrics metrics = new Metrics();
    private final Set<String> gatewayHeaders;
    /** Responses API answer ids → their conversation, so previous_response_id and retrieve restore placeholders. */
    final ResponseIds responseIds = new ResponseIds(50_000);

    /** Query parameters passed on to a stored-response request (all others are refused: nothing unchecked goes). */
    private static final Set<String> STORED_QUERY = Set.of(
            "include",
            "include[]",
            "stream",
            "starting_after",
            "include_obfuscation",
            "after",
            "before",
            "limit",
            "order");

    /** Request ids: a random per-process prefix and a counter (no SecureRandom on the request path). */
    private static final String ID_PREFIX = Long.toHexString(new java.security.SecureRandom().nextLong() | 1L << 63);

    private final java.util.concurrent.atomic.AtomicLong ids = new java.util.concurrent.atomic.AtomicLong();

    private String nextRequestId() {
        return ID_PREFIX + '-' + Long.toHexString(ids.incrementAndGet());
    }

    private static final java.util.regex.Pattern QUERY_VALUE =
            java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{0,200}");

    GatewayHandler(
            GatewayConfig config,
            PolicyDecider engine,
            PackStatus packStatus,
            Callers callers,
            Map<GatewayConfig.Route, String> upstreamKeys,
            HttpClient client) {
        this.config = config;
        this.engine = engine;
        this.packStatus = packStatus;
        this.checker = new Checker(engine, config.cacheEntries(), packStatus::generation);
        this.guard = ResponseGuard.of(engine);
        // a proxy sees an unbounded stream of conversations: when full, the least recently used one is forgotten
        // (its later answers keep placeholders), instead of refusing every new conversation until one expires
        this.vault = RedactionVault.builder().evictLeastRecentlyUsed(true).build();
        this.callers = callers;
        this.upstreamKeys = upstreamKeys;
        this.client = client;
        this.gatewayHeaders = Set.of(
                config.classificationHeader().toLowerCase(Locale.ROOT),
                config.conversationHeader().toLowerCase(Locale.ROOT));
    }

    Checker checker() {
        return checker;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (HttpMethod.GET.is(request.getMethod()) && "/health".equals(path)) {
            String body = packStatus.health();
            write(response, callback, 200, JSON_UTF8, body.getBytes(StandardCharsets.UTF_8));
            return true;
        }
        if (HttpMethod.GET.is(request.getMethod()) && "/metrics".equals(path)) {
            write(
                    response,
                    callback,
                    200,
                    "text/plain; version=0.0.4; charset=utf-8",
                    metrics.render(engine.packId(), engine.packVersion()).getBytes(StandardCharsets.UTF_8));
            return true;
        }
        GatewayConfig.Route route = route(path);
        if (route == null) {
            metrics.error("not_found");
            write(response, callback, 404, JSON_UTF8, Dialect.OpenAi.INSTANCE.error(404, "not_found", "no route"));
            return true;
        }
        Dialect dialect = Dialect.of(route.api());
        String rest = path.substring(route.prefix().length());
        Dialect.Endpoint endpoint = dialect.endpoint(rest);
        Dialect.Stored stored = endpoint == null ? dialect.stored(rest, request.getMethod()) : null;
        if (stored == null && (endpoint == null || !HttpMethod.POST.is(request.getMethod()))) {
            metrics.error("not_found");
            fail(
                    response,
                    callback,
                    dialect,
                    404,
                    "clearance_unsupported_endpoint",
                    "the gateway does not serve this endpoint or method");
            return true;
        }
        Callers.Caller caller = callers.identify(request.getHeaders());
        if (caller == null) {
            metrics.error("unauthorized");
            fail(response, callback, dialect, 401, "clearance_unauthorized", "the caller is not identified");
            return true;
        }
        Classification classification;
        try {
            classification = classification(request);
        } catch (BadRequest e) {
            metrics.error("bad_request");
            fail(response, callback, dialect, 400, "clearance_bad_classification", e.getMessage());
            return true;
        }
        if (stored != null) {
            String query;
            try {
                query = storedQuery(request.getHttpURI().getQuery());
            } catch (BadRequest e) {
                metrics.error("bad_request");
                fail(response, callback, dialect, 400, "clearance_bad_request", e.getMessage());
                return true;
            }
            // on this server thread (it may block): nothing to read, nothing to hand to another thread
            stored(request, response, callback, route, dialect, rest, query, stored, caller, classification);
            return true;
        }
        long declared = request.getLength();
        if (declared > config.maxBodyBytes()) {
            metrics.error("body_too_large");
            fail(
                    response,
                    callback,
                    dialect,
                    413,
                    "clearance_body_too_large",
                    "the request body is larger than the gateway accepts");
            return true;
        }
        // the body is gathered in a buffer of the server's pool (heap), not copied into an array of its own: it is
        // parsed where it lies and forwarded from there, and the buffer goes back to the pool when the upstream
        // exchange is over
        Content.Source.asRetainableByteBuffer(
                request,
                request.getComponents().getByteBufferPool(),
                false,
                config.maxBodyBytes(),
                // BLOCKING: when the body is already here (most requests) this runs at once on this server
                // thread, which goes on to decide and forward it (no hand-off to another thread); when the body
                // comes later Jetty runs it on a pool thread, never on the selector
                Promise.Invocable.from(
                        org.eclipse.jetty.util.thread.Invocable.InvocationType.BLOCKING,
                        (RetainableByteBuffer body, Throwable failure) -> {
                            if (failure != null && dev.clearance.server.http.MinimumDataRate.isTooSlow(failure)) {
                                // counted by MinimumDataRate (clearance_slow_clients_total{phase="body"})
                                metrics.error("body_too_slow");
                                response.getHeaders().put(HttpHeader.CONNECTION, "close");
                                fail(
                                        response,
                                        callback,
                                        dialect,
                                        408,
                                        "clearance_body_too_slow",
                                        "the request body arrived below the gateway's minimum data rate"
                                                + " (limits.minDataRate)");
                                return;
                            }
                            if (failure != null) {
                                boolean tooLarge = isTooLarge(failure);
                                metrics.error(tooLarge ? "body_too_large" : "client_disconnect");
                                fail(
                                        response,
                                        callback,
                                        dialect,
                                        tooLarge ? 413 : 400,
                                        tooLarge ? "clearance_body_too_large" : "clearance_body_unreadable",
                                        tooLarge
                                                ? "the request body is larger than the gateway accepts"
                                                : "the request body could not be read");
                                return;
                            }
                            proxy(
                                    System.nanoTime(),
                                    request,
                                    response,
                                    callback,
                                    route,
                                    dialect,
                                    endpoint,
                                    rest,
                                    caller,
                                    classification,
                                    new Body(body, request.getComponents().getByteBufferPool()));
                        }));
        return true;
    }

    /** Embeddings input given as token ids (numbers): text the gateway cannot read. */
    private static boolean hasTokenIds(JsonNode input) {
        if (input == null) {
            return false;
        }
        if (input.isNumber()) {
            return true;
        }
        for (JsonNode item : input) {
            if (item.isNumber() || item.isArray()) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTooLarge(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException || t instanceof java.nio.BufferOverflowException) {
                return true;
            }
        }
        return false;
    }

    private GatewayConfig.Route route(String path) {
        GatewayConfig.Route best = null;
        for (GatewayConfig.Route r : config.routes()) {
            boolean matches = r.prefix().equals("/") || path.startsWith(r.prefix() + "/");
            if (matches && (best == null || r.prefix().length() > best.prefix().length())) {
                best = r;
            }
        }
        return best;
    }

    private Classification classification(Request request) {
        String raised = request.getHeaders().get(config.classificationHeader());
        Classification base = config.defaultClassification();
        if (raised == null) {
            return base;
        }
        Classification c;
        try {
            c = Classification.valueOf(raised.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("header " + config.classificationHeader()
                    + " must be PUBLIC, INTERNAL, CONFIDENTIAL or RESTRICTED");
        }
        if (!c.atLeast(base)) {
            throw new BadRequest("header " + config.classificationHeader()
                    + " may raise the classification, never lower it below the gateway's default");
        }
        return c;
    }

    /**
     * A request body where it was read: {@code bytes[from, to)}, in a pooled buffer that {@link #release} gives
     * back (once, after the last use of the bytes: they are then another request's).
     */
    static final class Body {
        final byte[] bytes;
        final int from;
        final int to;
        private RetainableByteBuffer pooled;

        /**
         * {@code buffer}: Jetty releases it once this returns, so it is retained here for the exchange; a body that
         * came in one read is in the connector's (direct) buffer, and is copied into a heap buffer of {@code pool}.
         */
        Body(RetainableByteBuffer buffer, org.eclipse.jetty.io.ByteBufferPool pool) {
            ByteBuffer b = buffer.getByteBuffer();
            if (b.hasArray() && buffer.canRetain()) {
                buffer.retain();
                pooled = buffer;
            } else {
                pooled = pool.acquire(b.remaining(), false);
                ByteBuffer copy = pooled.getByteBuffer();
                if (!copy.hasArray()) {
                    pooled.release(); // not a heap buffer: an array of its own, as asByteArrayAsync made
                    pooled = RetainableByteBuffer.wrap(ByteBuffer.wrap(org.eclipse.jetty.util.BufferUtil.toArray(b)));
                    copy = pooled.getByteBuffer();
                } else {
                    org.eclipse.jetty.util.BufferUtil.append(copy, b.slice());
                }
                b = copy;
            }
            bytes = b.array();
            from = b.arrayOffset() + b.position();
            to = from + b.remaining();
        }

        synchronized void release() {
            if (pooled != null) {
                pooled.release();
                pooled = null;
            }
        }
    }

    /** Runs on the server thread that read the body: decides, forwards, answers. Completes {@code callback} exactly once. */
    private void proxy(
            long received,
            Request request,
            Response response,
            Callback callback,
            GatewayConfig.Route route,
            Dialect dialect,
            Dialect.Endpoint endpoint,
            String rest,
            Callers.Caller caller,
            Classification classification,
            Body body) {
        String requestId = nextRequestId();
        boolean forwarding = false;
        try {
            // the history messages already checked whole are only skipped over, not made into trees
            RequestBody read = RequestBody.read(
                    body.bytes,
                    body.from,
                    body.to,
                    checker.caching()
                            && (endpoint == Dialect.Endpoint.CHAT_COMPLETIONS
                                    || endpoint == Dialect.Endpoint.MESSAGES));
            ObjectNode tree = read.tree;
            if (endpoint == Dialect.Endpoint.EMBEDDINGS && hasTokenIds(tree.get("input"))) {
                throw new BadRequest("token-id input cannot be checked: send the text");
            }
            boolean stream = Dialect.streaming(tree);
            String conversationId = conversationId(request, route, dialect, endpoint, caller, tree);
            Conversation conversation = vault.conversation(conversationId);
            PolicyRequest template = template(requestId, route, caller, classification);
            String scope = checker.scope(conversationId, template);
            int known = read.resolve(checker, scope);
            Map<JsonNode, int[]> marks = read.marks();
            List<Parts.Part> parts = Parts.of(tree, marks);
            boolean[] clean = new boolean[parts.size()];
            Checker.Outcome outcome = checker.check(
                    parts, template, config.attachmentClassification(), conversation, scope, requestId, clean);
            read.remember(checker, scope, marks, clean);
            metrics.parts(outcome.decided(), outcome.cached() + known);
            if (outcome.effect() == Effect.DENY) {
                metrics.request("deny");
                LOG.info("request {} route {} denied by {}", requestId, route.prefix(), outcome.deniedBy());
                metrics.own(System.nanoTime() - received);
                fail(
                        response,
                        callback,
                        dialect,
                        403,
                        "clearance_denied",
                        "Clearance denied this request: " + String.join(", ", outcome.deniedBy())
                                + (outcome.remedy().isEmpty() ? "" : ". " + outcome.remedy()));
                return;
            }
            metrics.request(outcome.effect() == Effect.REDACT ? "redact" : "allow");
            // allowed: its bytes as they came, from the pooled buffer (given back when the exchange is over)
            ByteBuffer forwarded = outcome.effect() == Effect.ALLOW
                    ? ByteBuffer.wrap(body.bytes, body.from, body.to - body.from)
                    : ByteBuffer.wrap(Dialect.bytes(tree));
            String user = caller.user();
            java.util.function.Consumer<String> onResponseId = endpoint == Dialect.Endpoint.RESPONSES
                    ? id -> responseIds.remember(route.prefix(), user, id, conversationId)
                    : null;
            forward(
                    request,
                    response,
                    callback,
                    route,
                    dialect,
                    endpoint,
                    rest,
                    HttpMethod.POST,
                    forwarded,
                    stream,
                    template,
                    conversation,
                    requestId,
                    onResponseId,
                    received,
                    body);
            forwarding = true;
        } catch (BadRequest e) {
            metrics.error("bad_request");
            fail(response, callback, dialect, 400, "clearance_bad_request", e.getMessage());
        } catch (RuntimeException e) {
            metrics.error("internal");
            LOG.warn(
                    "request {} failed inside the gateway: {}",
                    requestId,
                    e.getClass().getSimpleName());
            fail(response, callback, dialect, 500, "clearance_internal_error", "the gateway failed on this request");
        } finally {
            if (!forwarding) {
                body.release(); // not sent upstream: nothing reads the bytes any more
            }
        }
    }

    /**
     * The conversation a request is decided in: the conversation header's; for the Responses API, the one the
     * answer named by {@code previous_response_id} was relayed in (same route and caller), or the provider's
     * {@code conversation} id; else derived from the messages that open it.
     */
    private String conversationId(
            Request request,
            GatewayConfig.Route route,
            Dialect dialect,
            Dialect.Endpoint endpoint,
            Callers.Caller caller,
            ObjectNode tree) {
        String scope = route.prefix() + '\u0000' + caller.user();
        String header = request.getHeaders().get(config.conversationHeader());
        if (header != null && !header.isBlank()) {
            return "h:" + checker.hash(scope, header);
        }
        if (endpoint == Dialect.Endpoint.RESPONSES) {
            JsonNode previous = tree.get("previous_response_id");
            if (previous != null && previous.isTextual()) {
                String known = responseIds.conversation(route.prefix(), caller.user(), previous.asText());
                if (known != null) {
                    return known;
                }
            }
            JsonNode c = tree.get("conversation");
            JsonNode cid = c == null ? null : c.isTextual() ? c : c.get("id");
            if (cid != null && cid.isTextual() && !cid.asText().isBlank()) {
                return "c:" + checker.hash(scope, cid.asText());
            }
        }
        return "d:" + checker.hash(scope, dialect.conversationSeed(tree));
    }

    private static PolicyRequest template(
            String requestId, GatewayConfig.Route route, Callers.Caller caller, Classification classification) {
        PolicyRequest.Destination destination = PolicyRequest.Destination.product(route.product())
                .withZeroDataRetention(route.zeroDataRetention())
                .withTrainingOptOut(route.trainingOptOut());
        return PolicyRequest.builder()
                .id(requestId)
                .user(caller.user(), caller.groups().toArray(String[]::new))
                .destination(destination)
                .classification(classification)
                .content("")
                .build();
    }

    /** The query of a stored-response request, kept to the parameters known to carry no text; null for none. */
    private static String storedQuery(String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            if (!STORED_QUERY.contains(name) || !QUERY_VALUE.matcher(value).matches()) {
                throw new BadRequest("the gateway passes on only the documented query parameters of this endpoint");
            }
        }
        return query;
    }

    /**
     * Runs on the server thread: a request about a stored Responses API answer (retrieve, cancel, delete, input items;
     * background mode polls retrieve). Nothing the caller wrote is forwarded but the id and the known query
     * parameters; the answer is checked like any, and restored with the conversation its id was relayed in
     * (same route and caller), or with none when the gateway does not know the id.
     */
    private void stored(
            Request request,
            Response response,
            Callback callback,
            GatewayConfig.Route route,
            Dialect dialect,
            String rest,
            String query,
            Dialect.Stored stored,
            Callers.Caller caller,
            Classification classification) {
        String requestId = nextRequestId();
        try {
            String known = responseIds.conversation(route.prefix(), caller.user(), stored.id());
            // unknown (forgotten, or relayed by another gateway): its own empty conversation, nothing to restore
            Conversation conversation = known != null
                    ? vault.conversation(known)
                    : Conversation.builder().build();
            if (stored.action() == Dialect.Action.DELETE) {
                responseIds.forget(route.prefix(), caller.user(), stored.id());
            }
            boolean stream = stored.action() == Dialect.Action.RETRIEVE
                    && query != null
                    && java.util.Arrays.asList(query.split("&")).contains("stream=true");
            metrics.request("stored");
            forward(
                    request,
                    response,
                    callback,
                    route,
                    dialect,
                    stored.action().answer,
                    query == null ? rest : rest + "?" + query,
                    HttpMethod.fromString(stored.action().method),
                    null,
                    stream,
                    template(requestId, route, caller, classification),
                    conversation,
                    requestId,
                    null,
                    System.nanoTime(),
                    null);
        } catch (RuntimeException e) {
            metrics.error("internal");
            LOG.warn(
                    "request {} failed inside the gateway: {}",
                    requestId,
                    e.getClass().getSimpleName());
            fail(response, callback, dialect, 500, "clearance_internal_error", "the gateway failed on this request");
        }
    }

    private void forward(
            Request request,
            Response response,
            Callback callback,
            GatewayConfig.Route route,
            Dialect dialect,
            Dialect.Endpoint endpoint,
            String rest,
            HttpMethod method,
            ByteBuffer body,
            boolean stream,
            PolicyRequest sent,
            Conversation conversation,
            String requestId,
            java.util.function.Consumer<String> onResponseId,
            long started,
            Body pooled) {
        URI target = URI.create(stripSlash(route.upstream().toString()) + rest);
        org.eclipse.jetty.client.Request up = client.newRequest(target).method(method);
        if (body != null) {
            up.body(new ByteBufferRequestContent(JSON_UTF8, body));
        }
        up.headers(h -> {
            for (HttpField f : request.getHeaders()) {
                String name = f.getLowerCaseName();
                if (!DROPPED.contains(name)
                        && !gatewayHeaders.contains(name)
                        && !callers.isIdentityHeader(name)
                        && !"content-type".equals(name)) {
                    h.add(f);
                }
            }
            String key = upstreamKeys.get(route);
            if (key != null) {
                if (route.api() == GatewayConfig.Api.ANTHROPIC) {
                    h.put("x-api-key", key);
                } else {
                    h.put(HttpHeader.AUTHORIZATION, "Bearer " + key);
                }
            }
        });
        if (stream) {
            up.idleTimeout(config.streamIdleTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } else {
            up.timeout(config.upstreamTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        Exchange exchange = new Exchange(
                response, callback, dialect, endpoint, stream, sent, conversation, requestId, onResponseId, pooled);
        if (stream) {
            // a stream has no total timeout (idle only): its response headers must still come in time
            exchange.headerTimer = client.getScheduler()
                    .schedule(
                            () -> up.abort(new TimeoutException("no response headers")),
                            config.upstreamTimeout().toMillis(),
                            TimeUnit.MILLISECONDS);
        }
        exchange.own = System.nanoTime() - started;
        up.send(exchange);
    }

    private enum Mode {
        PENDING,
        WHOLE,
        UPSTREAM_ERROR,
        STREAM
    }

    /**
     * One upstream exchange, driven by the Jetty client's events: no thread waits on it. The answer is read as
     * it arrives; a stream's events are checked and written to the caller, and more is read from the upstream
     * only once the caller took what was written (the caller's pace bounds the upstream's). Completes the
     * caller's callback exactly once.
     */
    private final class Exchange implements org.eclipse.jetty.client.Response.Listener {
        private final Response response;
        private final Callback callback;
        private final Dialect dialect;
        private final Dialect.Endpoint endpoint;
        private final boolean stream;
        private final PolicyRequest sent;
        private final Conversation conversation;
        private final String requestId;
        private final java.util.concurrent.atomic.AtomicBoolean finished =
                new java.util.concurrent.atomic.AtomicBoolean();
        volatile org.eclipse.jetty.util.thread.Scheduler.Task headerTimer;
        private Mode mode = Mode.PENDING;
        private int status;
        private String type;
        private ByteArrayOutputStream whole;
        private Sse events;
        private StreamEditor editor;
        private boolean counted;
        /** Told the Responses answer's id (null: not wanted); events looked at for it until it is seen. */
        private java.util.function.Consumer<String> onResponseId;

        private int idLooks;

        /** Nanoseconds the gateway itself spent on this request so far (not waiting for the upstream). */
        long own;

        /** The request body sent (null: none, or not pooled), given back when the exchange is over. */
        private final Body pooled;

        Exchange(
                Response response,
                Callback callback,
                Dialect dialect,
                Dialect.Endpoint endpoint,
                boolean stream,
                PolicyRequest sent,
                Conversation conversation,
                String requestId,
                java.util.function.Consumer<String> onResponseId,
                Body pooled) {
            this.pooled = pooled;
            this.onResponseId = onResponseId;
            this.response = response;
            this.callback = callback;
            this.dialect = dialect;
            this.endpoint = endpoint;
            this.stream = stream;
            this.sent = sent;
            this.conversation = conversation;
            this.requestId = requestId;
        }

        /** Claims the one answer to the caller; false when it was given already. */
        private boolean claim() {
            if (!finished.compareAndSet(false, true)) {
                return false;
            }
            org.eclipse.jetty.util.thread.Scheduler.Task t = headerTimer;
            if (t != null) {
                t.cancel();
            }
            if (counted) {
                counted = false;
                metrics.openStreams.decrementAndGet();
            }
            return true;
        }

        @Override
        public void onHeaders(org.eclipse.jetty.client.Response upstream) {
            org.eclipse.jetty.util.thread.Scheduler.Task t = headerTimer;
            if (t != null) {
                t.cancel();
            }
            status = upstream.getStatus();
            if (status >= 500) {
                if (claim()) {
                    upstreamFailed(response, callback, dialect, "upstream_5xx", 502, requestId);
                }
                upstream.abort(new IOException("not read"));
                return;
            }
            for (HttpField f : upstream.getHeaders()) {
                if (PASSED_BACK.contains(f.getLowerCaseName())) {
                    response.getHeaders().add(f);
                }
            }
            type = upstream.getHeaders().get(HttpHeader.CONTENT_TYPE);
            boolean sse = type != null && type.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
            if (status >= 400) {
                mode = Mode.UPSTREAM_ERROR;
                whole = new ByteArrayOutputStream();
            } else if (sse && stream) {
                mode = Mode.STREAM;
                metrics.openStreams.incrementAndGet();
                counted = true;
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
                editor = StreamEditor.of(dialect, endpoint, StreamEditor.Pieces.of(guard, sent, conversation));
                events = new Sse(config.maxResponseBytes());
            } else {
                mode = Mode.WHOLE;
                whole = new ByteArrayOutputStream();
            }
        }

        @Override
        public void onContent(org.eclipse.jetty.client.Response upstream, java.nio.ByteBuffer content) {
            // not used: the chunk form below is, so reading follows the caller's pace
        }

        @Override
        public void onContent(org.eclipse.jetty.client.Response upstream, Content.Chunk chunk, Runnable demander) {
            if (finished.get()) {
                chunk.release();
                return; // answered already (an error): read no more
            }
            ByteBuffer bytes = chunk.getByteBuffer().duplicate();
            if (mode != Mode.STREAM) {
                if (whole.size() + bytes.remaining() > config.maxResponseBytes()) {
                    if (claim()) {
                        upstreamFailed(response, callback, dialect, "upstream_too_large", 502, requestId);
                    }
                    chunk.release();
                    upstream.abort(new TooLarge());
                    return;
                }
                byte[] b = new byte[bytes.remaining()];
                bytes.get(b);
                whole.write(b, 0, b.length);
                demander.run();
                return;
            }
            long t0 = System.nanoTime();
            // sized for what came (an edited event is about as long as it was): not grown event by event
            StringBuilder out = new StringBuilder(bytes.remaining() + 64);
            List<Sse.Event> received;
            try {
                received = events.feed(bytes);
            } catch (Sse.Malformed e) {
                chunk.release();
                cut(
                        upstream,
                        "upstream_malformed",
                        out,
                        editor.streamError("clearance_upstream_malformed", "the upstream sent a malformed stream"));
                return;
            }
            try {
                for (Sse.Event ev : received) {
                    if (onResponseId != null) {
                        streamedId(ev);
                    }
                    for (Sse.Event e : editor.edit(ev)) {
                        e.renderTo(out);
                    }
                }
            } catch (ResponseBlockedException e) {
                chunk.release();
                LOG.info(
                        "request {} streamed answer cut by {}",
                        requestId,
                        e.decision().ruleIds());
                cut(
                        upstream,
                        "answer_blocked",
                        out,
                        editor.streamError(
                                "clearance_answer_blocked",
                                "Clearance blocked the model's answer: "
                                        + String.join(", ", e.decision().ruleIds())));
                return;
            } catch (Sse.Malformed e) {
                chunk.release();
                cut(
                        upstream,
                        "upstream_malformed",
                        out,
                        editor.streamError("clearance_upstream_malformed", "the upstream sent a malformed stream"));
                return;
            } catch (RuntimeException e) {
                chunk.release();
                LOG.warn(
                        "request {} stream failed inside the gateway: {}",
                        requestId,
                        e.getClass().getSimpleName());
                cut(
                        upstream,
                        "internal",
                        out,
                        editor.streamError("clearance_internal_error", "the gateway failed on this stream"));
                return;
            }
            if (out.length() == 0) {
                own += System.nanoTime() - t0;
                demander.run();
                return;
            }
            ByteBuffer edited = ByteBuffer.wrap(out.toString().getBytes(StandardCharsets.UTF_8));
            own += System.nanoTime() - t0;
            response.write(false, edited, Callback.from(demander, failure -> clientGone(upstream, failure)));
        }

        /** The id of a streamed Responses answer, from the first events ({@code response.created}). */
        private void streamedId(Sse.Event ev) {
            if (++idLooks > 4) {
                onResponseId = null;
                return;
            }
            if (ev.data() == null || !ev.data().startsWith("{")) {
                return;
            }
            try {
                JsonNode id = Dialect.JSON.readTree(ev.data()).path("response").path("id");
                if (id.isTextual()) {
                    onResponseId.accept(id.asText());
                    onResponseId = null;
                }
            } catch (IOException e) {
                // not JSON: the editor cuts the stream for it
            }
        }

        /** Ends the stream with {@code error} (after what was checked before it), aborts the upstream. */
        private void cut(org.eclipse.jetty.client.Response upstream, String kind, CharSequence before, String error) {
            if (!claim()) {
                return;
            }
            metrics.error(kind);
            LOG.info("request {} stream ended with {}", requestId, kind);
            upstream.abort(new IOException("stream cut"));
            response.write(true, ByteBuffer.wrap((before + error).getBytes(StandardCharsets.UTF_8)), endCallback());
        }

        private void clientGone(org.eclipse.jetty.client.Response upstream, Throwable failure) {
            if (!claim()) {
                return;
            }
            metrics.error("client_disconnect");
            LOG.info("request {} caller disconnected mid-stream", requestId);
            upstream.abort(failure);
            callback.failed(failure);
        }

        /** Completes the caller's callback with the last write: a failed one is a caller gone. */
        private Callback endCallback() {
            return Callback.from(callback::succeeded, failure -> {
                metrics.error("client_disconnect");
                callback.failed(failure);
            });
        }

        @Override
        public void onComplete(org.eclipse.jetty.client.Result result) {
            if (pooled != null) {
                pooled.release(); // the request and its answer are done: the body's bytes are not read again
            }
            if (result.isFailed()) {
                failed(result.getFailure());
                return;
            }
            switch (mode) {
                case STREAM -> {
                    if (!editor.ended()) {
                        if (claim()) {
                            metrics.error("upstream_malformed");
                            LOG.info("request {} stream ended with {}", requestId, "upstream_malformed");
                            response.write(
                                    true,
                                    ByteBuffer.wrap(editor.streamError(
                                                    "clearance_upstream_stream_ended",
                                                    "the upstream stream ended before it was complete")
                                            .getBytes(StandardCharsets.UTF_8)),
                                    endCallback());
                        }
                        return;
                    }
                    if (claim()) {
                        metrics.own(own);
                        response.write(true, ByteBuffer.allocate(0), endCallback());
                    }
                }
                case UPSTREAM_ERROR -> {
                    if (claim()) {
                        // the provider's own error about the request it got (which was checked): passed on as it is
                        metrics.error("upstream_4xx");
                        write(response, callback, status, type == null ? JSON_UTF8 : type, whole.toByteArray());
                    }
                }
                case WHOLE -> {
                    if (claim()) {
                        answer(whole.toByteArray());
                    }
                }
                case PENDING -> {
                    if (claim()) {
                        upstreamFailed(response, callback, dialect, "upstream_failed", 502, requestId);
                    }
                }
            }
        }

        private void failed(Throwable failure) {
            if (mode == Mode.STREAM) {
                boolean timeout = isTimeout(failure);
                cutAfterFailure(timeout ? "upstream_timeout" : "upstream_failed");
                return;
            }
            if (!claim()) {
                return;
            }
            boolean refused = failure instanceof ConnectException
                    || failure instanceof java.nio.channels.UnresolvedAddressException
                    || failure.getCause() instanceof ConnectException;
            boolean timeout = isTimeout(failure);
            upstreamFailed(
                    response,
                    callback,
                    dialect,
                    refused ? "upstream_refused" : timeout ? "upstream_timeout" : "upstream_failed",
                    timeout ? 504 : 502,
                    requestId);
        }

        private void cutAfterFailure(String kind) {
            if (!claim()) {
                return;
            }
            metrics.error(kind);
            LOG.info("request {} stream ended with {}", requestId, kind);
            response.write(
                    true,
                    ByteBuffer.wrap(editor.streamError("clearance_upstream_failed", "the upstream stream failed")
                            .getBytes(StandardCharsets.UTF_8)),
                    endCallback());
        }

        /** A whole answer: every text part checked and restored, then written. */
        private void answer(byte[] answer) {
            try {
                ObjectNode tree;
                try {
                    JsonNode parsed = Dialect.JSON.readTree(answer);
                    if (!(parsed instanceof ObjectNode o)) {
                        throw new Sse.Malformed("not an object");
                    }
                    tree = o;
                } catch (IOException | Sse.Malformed e) {
                    upstreamFailed(response, callback, dialect, "upstream_malformed", 502, requestId);
                    return;
                }
                long t0 = System.nanoTime();
                JsonNode answerId = tree.get("id");
                if (onResponseId != null && answerId != null && answerId.isTextual()) {
                    onResponseId.accept(answerId.asText());
                }
                boolean changed = false;
                for (Parts.Part p : dialect.answerParts(tree, endpoint)) {
                    if (!p.isAttachment()) {
                        String checked = p.json()
                                ? JsonRestorer.restoreAll(conversation, guard.check(sent, null, p.text()))
                                : guard.check(sent, conversation, p.text());
                        if (!checked.equals(p.text())) {
                            p.replace().replace(checked);
                            changed = true;
                        }
                    }
                }
                // an answer the check left as it was goes as its bytes came (not parsed and written again)
                byte[] out = changed ? Dialect.bytes(tree) : answer;
                own += System.nanoTime() - t0;
                metrics.own(own);
                write(response, callback, status, JSON_UTF8, out);
            } catch (ResponseBlockedException e) {
                metrics.error("answer_blocked");
                LOG.info(
                        "request {} answer blocked by {}",
                        requestId,
                        e.decision().ruleIds());
                fail(
                        response,
                        callback,
                        dialect,
                        403,
                        "clearance_answer_blocked",
                        "Clearance blocked the model's answer: "
                                + String.join(", ", e.decision().ruleIds()));
            } catch (RuntimeException e) {
                metrics.error("internal");
                LOG.warn(
                        "request {} failed inside the gateway: {}",
                        requestId,
                        e.getClass().getSimpleName());
                fail(
                        response,
                        callback,
                        dialect,
                        500,
                        "clearance_internal_error",
                        "the gateway failed on this request");
            }
        }
    }

    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private void upstreamFailed(
            Response response, Callback callback, Dialect dialect, String kind, int status, String requestId) {
        metrics.error(kind);
        LOG.warn("request {} upstream failure: {}", requestId, kind);
        fail(response, callback, dialect, status, "clearance_" + kind, "the upstream failed (" + kind + ")");
    }

    private static void fail(
            Response response, Callback callback, Dialect dialect, int status, String code, String message) {
        write(response, callback, status, JSON_UTF8, dialect.error(status, code, message));
    }

    private static void write(Response response, Callback callback, int status, String type, byte[] body) {
        try {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
            response.write(true, ByteBuffer.wrap(body), callback);
        } catch (IllegalStateException e) {
            // already committed (a stream cut by an error after it started): end it
            callback.failed(e);
        }
    }
}
