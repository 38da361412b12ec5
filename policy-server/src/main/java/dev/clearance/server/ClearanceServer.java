package dev.clearance.server;

import dev.clearance.PolicyEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

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
    public static final long DEFAULT_IDLE_TIMEOUT_MILLIS = 30_000;
    /** Default time shutdown waits for in-flight requests. */
    public static final long DEFAULT_SHUTDOWN_TIMEOUT_MILLIS = 10_000;

    private final Server server;
    private final ServerConnector connector;
    private final String host;
    private final ApiHandler api;

    private ClearanceServer(Builder b) {
        // acceptor and selector threads come out of the same pool: reserve them on top of the workers
        // (Jetty's own tasks share the queue, so it stays unbounded as Jetty advises; the threads are bounded)
        QueuedThreadPool pool = new QueuedThreadPool(b.threads + 3, Math.min(4, b.threads + 3));
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
        connector.setIdleTimeout(b.idleTimeout.toMillis());
        server.addConnector(connector);
        api = new ApiHandler(b.engines, b.maxBodyBytes);
        server.setHandler(new GracefulHandler(api));
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(b.shutdownTimeout.toMillis());
        server.setStopAtShutdown(false);
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
            throw new IllegalStateException(
                    "server did not stop cleanly: " + e.getClass().getSimpleName(), e);
        }
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception ignored) {
            // already failing to start
        }
    }

    /** Builds a {@link ClearanceServer}; only the engine is required. */
    public static final class Builder {
        private java.util.function.Supplier<PolicyEngine> engines;
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private int threads = DEFAULT_THREADS;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private Duration idleTimeout = Duration.ofMillis(DEFAULT_IDLE_TIMEOUT_MILLIS);
        private Duration shutdownTimeout = Duration.ofMillis(DEFAULT_SHUTDOWN_TIMEOUT_MILLIS);

        private Builder() {}

        /** The engine every request is decided by; required. */
        public Builder engine(PolicyEngine engine) {
            Objects.requireNonNull(engine, "engine");
            this.engines = () -> engine;
            return this;
        }

        /**
         * A hot-reloading engine: each request is decided by the engine serving at that moment, and
         * {@code /health} and {@code /metrics} name its pack version.
         */
        public Builder engine(dev.clearance.ReloadingPolicyEngine engine) {
            Objects.requireNonNull(engine, "engine");
            this.engines = engine::current;
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
            this.idleTimeout = positive(idleTimeout, "idleTimeout");
            return this;
        }

        /** How long {@link ClearanceServer#close()} waits for in-flight requests. */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = positive(shutdownTimeout, "shutdownTimeout");
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
