package dev.clearance.server;

import dev.clearance.PolicyEngine;
import dev.clearance.micrometer.DecisionMeters;
import dev.clearance.server.http.ConnectorLimits;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP decision endpoint behind {@code clearance serve}: {@code POST /v1/decisions}, {@code POST /v1/redactions},
 * {@code GET /health} and {@code GET /metrics} over one shared {@link PolicyEngine}.
 *
 * <pre>{@code
 * try (ClearanceServer server = ClearanceServer.builder().engine(engine).port(0).build().start()) {
 *     URI base = server.uri();   // http://127.0.0.1:<ephemeral port>/
 * }                              // close(): stop accepting, let in-flight requests finish, then stop
 * }</pre>
 *
 * <p>Defaults: loopback only ({@value #DEFAULT_HOST}), {@value #DEFAULT_THREADS} worker threads, requests up to
 * {@value #DEFAULT_MAX_BODY_BYTES} bytes, a connection idle (or a body stalled) for {@value #DEFAULT_IDLE_TIMEOUT_MILLIS}
 * ms is closed, shutdown waits up to {@value #DEFAULT_SHUTDOWN_TIMEOUT_MILLIS} ms for in-flight requests. Error
 * responses are {@code {"error": "…", "field": "…"}} and never carry a stack trace or request content.
 *
 * <p>Hostile clients: request bodies are read without holding a thread, and decided on the worker pool only once
 * complete, so slow clients hold connections, not workers; {@code /health} and {@code /metrics} never wait for a
 * worker. At most {@value #DEFAULT_MAX_CONNECTIONS} connections are open (more wait in the listen backlog); a new
 * connection must complete its request headers within {@value #DEFAULT_HEADER_TIMEOUT_MILLIS} ms; after a grace of
 * {@value #DEFAULT_MIN_DATA_RATE_GRACE_MILLIS} ms a body must average {@value #DEFAULT_MIN_DATA_RATE} bytes/s (or get
 * 408 and a closed connection); bodies held at once total at most {@value #DEFAULT_MAX_BUFFERED_BYTES} bytes (more:
 * 503).
 *
 * <p>Jetty's {@code org.eclipse.jetty.http.HttpParser} logs the values of duplicate {@code Host} headers at WARN:
 * set that logger to ERROR (as {@code clearance serve} does) so no request header value reaches the logs.
 */
public final class ClearanceServer implements AutoCloseable {
    /** Default bind address: loopback only. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Default port. */
    public static final int DEFAULT_PORT = 8080;
    /** Default number of worker threads evaluating requests. */
    public static final int DEFAULT_THREADS = 16;
    /** Default largest request body: 4 MiB (the default content limit is 1 Mi UTF-16 units). */
    public static final int DEFAULT_MAX_BODY_BYTES = 4 << 20;
    /** Default idle timeout of a connection, also the longest a request body may stall. */
    public static final long DEFAULT_IDLE_TIMEOUT_MILLIS = ConnectorLimits.DEFAULT_IDLE_TIMEOUT_MILLIS;
    /** Default time shutdown waits for in-flight requests. */
    public static final long DEFAULT_SHUTDOWN_TIMEOUT_MILLIS = 10_000;
    /** Default most connections open at once; more wait in the listen backlog until one closes. */
    public static final int DEFAULT_MAX_CONNECTIONS = ConnectorLimits.DEFAULT_MAX_CONNECTIONS;
    /** Default time a new connection has to complete its first request's headers. */
    public static final long DEFAULT_HEADER_TIMEOUT_MILLIS = ConnectorLimits.DEFAULT_HEADER_TIMEOUT_MILLIS;
    /** Default minimum average rate of a request body, in bytes per second, once the grace period is over. */
    public static final long DEFAULT_MIN_DATA_RATE = ConnectorLimits.DEFAULT_MIN_DATA_RATE;
    /** Default grace period before the minimum data rate applies to a body. */
    public static final long DEFAULT_MIN_DATA_RATE_GRACE_MILLIS = ConnectorLimits.DEFAULT_MIN_DATA_RATE_GRACE_MILLIS;
    /** Default most request body bytes held at once, over all requests being read or decided: 64 MiB. */
    public static final long DEFAULT_MAX_BUFFERED_BYTES = 64L << 20;
    /** Jetty threads (parsing, reading, writing, health): they never block, so a few suffice. */
    private static final int IO_THREADS = 8;

    private static final Logger LOG = LoggerFactory.getLogger(ClearanceServer.class);

    private final Server server;
    private final ServerConnector connector;
    private final String host;
    private final ApiHandler api;
    private final ThreadPoolExecutor decisions;
    private final long shutdownTimeoutMillis;

    private ClearanceServer(Builder b) {
        // Jetty's threads only parse, read, write and answer /health and /metrics: nothing on them blocks.
        // Acceptor and selector come out of the same pool: reserve them on top.
        QueuedThreadPool pool = new QueuedThreadPool(IO_THREADS + 2, 4);
        pool.setName("clearance-http");
        pool.setReservedThreads(0);
        server = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(16 * 1024);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(b.host);
        connector.setPort(b.port);
        server.addConnector(connector);
        ConnectorLimits limits = b.limits.build();
        DecisionMeters decisionMeters = b.decisionMeters != null
                ? b.decisionMeters
                : new DecisionMeters(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        if (!(decisionMeters.registry() instanceof PrometheusMeterRegistry registry)) {
            throw new IllegalArgumentException("decisionMeters must be on a PrometheusMeterRegistry");
        }
        ServerMetrics metrics = new ServerMetrics(b.engines, registry, decisionMeters, b.decisionMeters == null);
        metrics.reloads(b.rejectedReloads, b.refusedRollbacks);
        ConnectorLimits.Meters connections = limits.apply(server, connector, registry);
        metrics.connections(connections);
        AtomicInteger n = new AtomicInteger();
        decisions = new ThreadPoolExecutor(
                b.threads, b.threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(b.maxConnections), r -> {
                    Thread t = new Thread(r, "clearance-decide-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        api = new ApiHandler(b.engines, b.maxBodyBytes, b.minDataRate, b.maxBufferedBytes, metrics, decisions);
        server.setHandler(limits.minimumDataRate(api, connections));
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(b.shutdownTimeout.toMillis());
        server.setStopAtShutdown(false);
        shutdownTimeoutMillis = b.shutdownTimeout.toMillis();
        host = b.host;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds and starts serving.
     *
     * @throws UncheckedIOException when the address cannot be bound
     */
    public ClearanceServer start() {
        try {
            server.start();
        } catch (IOException e) {
            stopQuietly();
            throw new UncheckedIOException("cannot listen on " + host + ":" + connector.getPort(), e);
        } catch (Exception e) {
            stopQuietly();
            throw new IllegalStateException(
                    "cannot start the server: " + e.getClass().getSimpleName(), e);
        }
        return this;
    }

    /** The bound port (the actual one when 0 was configured); -1 before {@link #start()}. */
    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http://host:port/}. */
    public URI uri() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + h + ":" + port() + "/");
    }

    /** Blocks until the server has stopped. */
    public void join() throws InterruptedException {
        server.join();
    }

    /**
     * Graceful stop: stops accepting connections, answers new requests on open connections with 503, waits up
     * to the shutdown timeout for in-flight requests, then closes everything. Idempotent.
     */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            if (!isTimeout(e)) {
                decisions.shutdownNow();
                throw new IllegalStateException(
                        "server did not stop cleanly: " + e.getClass().getSimpleName(), e);
            }
            // one line, no stack trace: the connections are closed all the same
            long deciding = api.deciding();
            if (deciding == 0) {
                // only bodies still arriving (slow or stalled clients) were waited for: nothing decided is cut off
                LOG.info(
                        "shutdown timeout ({} ms) elapsed with request bodies still arriving; closed them",
                        shutdownTimeoutMillis);
            } else {
                LOG.warn(
                        "shutdown timeout ({} ms) elapsed with {} request(s) still being decided; stopped anyway",
                        shutdownTimeoutMillis,
                        deciding);
            }
        }
        decisions.shutdown();
        try {
            if (!decisions.awaitTermination(shutdownTimeoutMillis, TimeUnit.MILLISECONDS)) {
                decisions.shutdownNow();
            }
        } catch (InterruptedException e) {
            decisions.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException) {
                return true;
            }
            for (Throwable s : t.getSuppressed()) {
                if (isTimeout(s)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception ignored) {
            // already failing to start
        }
        decisions.shutdownNow();
    }

    /** Builds a {@link ClearanceServer}; only the engine is required. */
    public static final class Builder {
        private java.util.function.Supplier<PolicyEngine> engines;
        private java.util.function.LongSupplier rejectedReloads = () -> 0;
        private java.util.function.LongSupplier refusedRollbacks = () -> 0;
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private int threads = DEFAULT_THREADS;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        // the connector's limits are validated and kept by ConnectorLimits, shared with the gateway
        private final ConnectorLimits.Builder limits = ConnectorLimits.builder();
        private Duration shutdownTimeout = Duration.ofMillis(DEFAULT_SHUTDOWN_TIMEOUT_MILLIS);
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private long minDataRate = DEFAULT_MIN_DATA_RATE;
        private long maxBufferedBytes = DEFAULT_MAX_BUFFERED_BYTES;
        private DecisionMeters decisionMeters;

        private Builder() {}

        /**
         * Decision meters that the engine's decision log already feeds (the engine built with
         * {@code .decisionLog(DecisionLog.tee(log, meters))}), on a {@code PrometheusMeterRegistry}: {@code /metrics}
         * then renders that registry, with findings by type, and the server does not count its decisions a second
         * time. Without it the server counts the decisions it serves on a registry of its own (no findings: a
         * {@link dev.clearance.Decision} does not carry them).
         */
        public Builder decisionMeters(DecisionMeters meters) {
            this.decisionMeters = Objects.requireNonNull(meters, "meters");
            return this;
        }

        /** The engine every request is decided by; required. */
        public Builder engine(PolicyEngine engine) {
            Objects.requireNonNull(engine, "engine");
            this.engines = () -> engine;
            return this;
        }

        /**
         * A hot-reloading engine: each request is decided by the engine serving at that moment, and
         * {@code /health} and {@code /metrics} name its pack version and count its rejected reloads and refused
         * rollbacks.
         */
        public Builder engine(dev.clearance.ReloadingPolicyEngine engine) {
            Objects.requireNonNull(engine, "engine");
            this.engines = engine::current;
            this.rejectedReloads = engine::rejectedReloads;
            this.refusedRollbacks = engine::refusedRollbacks;
            return this;
        }

        /** Address to bind; default {@value ClearanceServer#DEFAULT_HOST}. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Port to bind, 0 for an ephemeral one; default {@value ClearanceServer#DEFAULT_PORT}. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be in 0..65535: " + port);
            }
            this.port = port;
            return this;
        }

        /** Worker threads; default {@value ClearanceServer#DEFAULT_THREADS}. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1: " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** Largest request body in bytes (larger: 413); default {@value ClearanceServer#DEFAULT_MAX_BODY_BYTES}. */
        public Builder maxBodyBytes(int maxBodyBytes) {
            if (maxBodyBytes < 1) {
                throw new IllegalArgumentException("maxBodyBytes must be at least 1: " + maxBodyBytes);
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /**
         * How long a connection may stay silent, including in the middle of a request body, before it is closed;
         * default {@value ClearanceServer#DEFAULT_IDLE_TIMEOUT_MILLIS} ms.
         */
        public Builder idleTimeout(Duration idleTimeout) {
            limits.idleTimeout(idleTimeout);
            return this;
        }

        /** How long {@link ClearanceServer#close()} waits for in-flight requests. */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = positive(shutdownTimeout, "shutdownTimeout");
            return this;
        }

        /**
         * Most connections open at once; at the limit the server stops accepting until one closes (new ones wait
         * in the listen backlog). Keep it below {@code ulimit -n}. Default {@value ClearanceServer#DEFAULT_MAX_CONNECTIONS}.
         */
        public Builder maxConnections(int maxConnections) {
            limits.maxConnections(maxConnections);
            this.maxConnections = maxConnections;
            return this;
        }

        /**
         * How long a new connection has to complete its first request's headers before it is closed; default
         * {@value ClearanceServer#DEFAULT_HEADER_TIMEOUT_MILLIS} ms. Later requests on a kept-alive connection are
         * bounded by the idle timeout.
         */
        public Builder headerTimeout(Duration headerTimeout) {
            limits.headerTimeout(headerTimeout);
            return this;
        }

        /**
         * Minimum average rate of a request body in bytes per second, once the {@link #minDataRateGrace grace
         * period} is over: a body that falls behind (trickling or stalled) gets 408 and its connection is closed.
         * 0 turns the check off (the idle timeout still applies). Default {@value ClearanceServer#DEFAULT_MIN_DATA_RATE}.
         */
        public Builder minDataRate(long bytesPerSecond) {
            limits.minDataRate(bytesPerSecond);
            this.minDataRate = bytesPerSecond;
            return this;
        }

        /** Time a body may take before {@link #minDataRate} applies; default
         * {@value ClearanceServer#DEFAULT_MIN_DATA_RATE_GRACE_MILLIS} ms. */
        public Builder minDataRateGrace(Duration grace) {
            limits.minDataRateGrace(grace);
            return this;
        }

        /**
         * Most request body bytes held in memory at once, over all requests being read or decided; a request
         * that would exceed it gets 503. Default {@value ClearanceServer#DEFAULT_MAX_BUFFERED_BYTES}.
         */
        public Builder maxBufferedBytes(long maxBufferedBytes) {
            if (maxBufferedBytes < 1) {
                throw new IllegalArgumentException("maxBufferedBytes must be at least 1: " + maxBufferedBytes);
            }
            this.maxBufferedBytes = maxBufferedBytes;
            return this;
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
            return d;
        }

        /**
         * @throws IllegalStateException when no engine was set
         */
        public ClearanceServer build() {
            if (engines == null) {
                throw new IllegalStateException("an engine is required: call engine(...) before build()");
            }
            return new ClearanceServer(this);
        }
    }
}
