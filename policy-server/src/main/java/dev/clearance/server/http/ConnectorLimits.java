package dev.clearance.server.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The slow-client limits of a Jetty 12 server connector, one definition for {@code clearance serve} and
 * {@code clearance gateway}: at most {@link Builder#maxConnections maxConnections} connections open (more wait in a
 * listen backlog of {@value #ACCEPT_QUEUE_SIZE}), a new connection must complete its first request's headers within
 * the {@link Builder#headerTimeout header timeout} (slowloris), a silent connection is closed after the
 * {@link Builder#idleTimeout idle timeout}, and a request body must average at least
 * {@link Builder#minDataRate minDataRate} bytes/s after a grace period ({@link MinimumDataRate}).
 *
 * <pre>{@code
 * ConnectorLimits limits = ConnectorLimits.builder().maxConnections(512).build();
 * ConnectorLimits.Meters meters = limits.apply(server, connector, registry);
 * server.setHandler(limits.minimumDataRate(handler, meters));
 * }</pre>
 *
 * <p>Meters ({@link #apply}): {@code clearance.connections.open} (gauge), {@code clearance.connections.accepted},
 * {@code clearance.connection.limit.reached} (times accepting paused at the limit) and {@code clearance.slow.clients}
 * by {@code phase} ({@code headers}, {@code body}); in Prometheus {@code clearance_connections_open},
 * {@code clearance_connections_accepted_total}, {@code clearance_connection_limit_reached_total},
 * {@code clearance_slow_clients_total}.
 */
public final class ConnectorLimits {
    /** Default most connections open at once; more wait in the listen backlog until one closes. */
    public static final int DEFAULT_MAX_CONNECTIONS = 2048;
    /** Default time a new connection has to complete its first request's headers. */
    public static final long DEFAULT_HEADER_TIMEOUT_MILLIS = 10_000;
    /** Default idle timeout of a connection, also the longest a request body may stall. */
    public static final long DEFAULT_IDLE_TIMEOUT_MILLIS = 30_000;
    /** Default minimum average rate of a request body, in bytes per second, once the grace period is over. */
    public static final long DEFAULT_MIN_DATA_RATE = 1024;
    /** Default grace period before the minimum data rate applies to a body. */
    public static final long DEFAULT_MIN_DATA_RATE_GRACE_MILLIS = 5_000;
    /**
     * Listen backlog: a burst of reconnects (clients cut for being slow, a load balancer's pool) must not overflow
     * it, or a health probe's SYN is dropped and retried a second later (the kernel caps it at
     * {@code net.core.somaxconn}).
     */
    public static final int ACCEPT_QUEUE_SIZE = 1024;

    private final int maxConnections;
    private final Duration headerTimeout;
    private final Duration idleTimeout;
    private final long minDataRate;
    private final Duration minDataRateGrace;

    private ConnectorLimits(Builder b) {
        this.maxConnections = b.maxConnections;
        this.headerTimeout = b.headerTimeout;
        this.idleTimeout = b.idleTimeout;
        this.minDataRate = b.minDataRate;
        this.minDataRateGrace = b.minDataRateGrace;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int maxConnections() {
        return maxConnections;
    }

    public Duration headerTimeout() {
        return headerTimeout;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Bytes per second; 0 when off. */
    public long minDataRate() {
        return minDataRate;
    }

    public Duration minDataRateGrace() {
        return minDataRateGrace;
    }

    /**
     * Sets the connector's idle timeout and listen backlog, adds the connection limit to {@code server} and closes
     * connections that do not complete their first request's headers in time; registers the meters on
     * {@code registry}. Call before the server starts, once per server.
     */
    public Meters apply(Server server, ServerConnector connector, MeterRegistry registry) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(registry, "registry");
        connector.setIdleTimeout(idleTimeout.toMillis());
        connector.setAcceptQueueSize(ACCEPT_QUEUE_SIZE);
        Meters meters = new Meters(registry);
        CountingConnectionLimit limit = new CountingConnectionLimit(maxConnections, server, meters.limitReached);
        server.addBean(limit);
        Gauge.builder("clearance.connections.open", limit, NetworkConnectionLimit::getNetworkConnectionCount)
                .description("Connections open now")
                .register(registry);
        meters.limit = limit;
        long timeout = headerTimeout.toMillis();
        connector.addEventListener(new Connection.Listener() {
            @Override
            public void onOpened(Connection connection) {
                meters.accepted.increment();
                // slowloris: a connection that has not completed its first request's headers in time is closed
                server.getScheduler()
                        .schedule(
                                () -> {
                                    if (connection.getMessagesIn() == 0
                                            && connection.getEndPoint().isOpen()) {
                                        meters.slowHeaders.increment();
                                        connection.getEndPoint().close();
                                    }
                                },
                                timeout,
                                TimeUnit.MILLISECONDS);
            }
        });
        return meters;
    }

    /**
     * {@code next} behind the minimum data rate: a request body that falls behind {@link #minDataRate()} after
     * the grace period fails (its reader sees a {@link MinimumDataRate.TooSlowException}) and is counted as a slow
     * body in {@code meters}. Returns {@code next} itself when the rate is off.
     */
    public org.eclipse.jetty.server.Handler minimumDataRate(org.eclipse.jetty.server.Handler next, Meters meters) {
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(meters, "meters");
        if (minDataRate == 0) {
            return next;
        }
        return new MinimumDataRate(next, minDataRate, minDataRateGrace.toNanos(), meters);
    }

    /** The connection meters of one server; {@link #slowBody()} counts a body cut for its rate. */
    public static final class Meters {
        final Counter accepted;
        final Counter limitReached;
        final Counter slowHeaders;
        final Counter slowBodies;
        volatile NetworkConnectionLimit limit;

        Meters(MeterRegistry registry) {
            accepted = Counter.builder("clearance.connections.accepted")
                    .description("Connections accepted")
                    .register(registry);
            limitReached = Counter.builder("clearance.connection.limit.reached")
                    .description("Times accepting paused at the connection limit")
                    .register(registry);
            slowHeaders = Counter.builder("clearance.slow.clients")
                    .description("Connections closed for being too slow, by phase")
                    .tag("phase", "headers")
                    .register(registry);
            slowBodies = Counter.builder("clearance.slow.clients")
                    .description("Connections closed for being too slow, by phase")
                    .tag("phase", "body")
                    .register(registry);
        }

        /** A request cut for sending its body below the minimum data rate. */
        public void slowBody() {
            slowBodies.increment();
        }

        /** Connections open now. */
        public int open() {
            NetworkConnectionLimit l = limit;
            return l == null ? 0 : l.getNetworkConnectionCount();
        }
    }

    /** Counts the times accepting paused at the limit. */
    private static final class CountingConnectionLimit extends NetworkConnectionLimit {
        private final Counter reached;

        CountingConnectionLimit(int max, Server server, Counter reached) {
            super(max, server);
            this.reached = reached;
        }

        @Override
        protected void limit() {
            super.limit();
            reached.increment();
        }
    }

    /** Builds {@link ConnectorLimits}; every limit has a default. */
    public static final class Builder {
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Duration headerTimeout = Duration.ofMillis(DEFAULT_HEADER_TIMEOUT_MILLIS);
        private Duration idleTimeout = Duration.ofMillis(DEFAULT_IDLE_TIMEOUT_MILLIS);
        private long minDataRate = DEFAULT_MIN_DATA_RATE;
        private Duration minDataRateGrace = Duration.ofMillis(DEFAULT_MIN_DATA_RATE_GRACE_MILLIS);

        private Builder() {}

        /**
         * Most connections open at once; at the limit the server stops accepting until one closes (new ones wait
         * in the listen backlog). Keep it below {@code ulimit -n}. Default {@value ConnectorLimits#DEFAULT_MAX_CONNECTIONS}.
         */
        public Builder maxConnections(int maxConnections) {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
            }
            this.maxConnections = maxConnections;
            return this;
        }

        /**
         * How long a new connection has to complete its first request's headers before it is closed; default
         * {@value ConnectorLimits#DEFAULT_HEADER_TIMEOUT_MILLIS} ms. Later requests on a kept-alive connection are
         * bounded by the idle timeout.
         */
        public Builder headerTimeout(Duration headerTimeout) {
            this.headerTimeout = positive(headerTimeout, "headerTimeout");
            return this;
        }

        /**
         * How long a connection may stay silent, including in the middle of a request body, before it is closed;
         * default {@value ConnectorLimits#DEFAULT_IDLE_TIMEOUT_MILLIS} ms.
         */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = positive(idleTimeout, "idleTimeout");
            return this;
        }

        /**
         * Minimum average rate of a request body in bytes per second once the grace period is over; 0 turns the
         * check off (the idle timeout still applies). Default {@value ConnectorLimits#DEFAULT_MIN_DATA_RATE}.
         */
        public Builder minDataRate(long bytesPerSecond) {
            if (bytesPerSecond < 0) {
                throw new IllegalArgumentException("minDataRate must not be negative: " + bytesPerSecond);
            }
            this.minDataRate = bytesPerSecond;
            return this;
        }

        /** Time a body may take before the minimum data rate applies; default
         * {@value ConnectorLimits#DEFAULT_MIN_DATA_RATE_GRACE_MILLIS} ms. */
        public Builder minDataRateGrace(Duration grace) {
            this.minDataRateGrace = positive(grace, "minDataRateGrace");
            return this;
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
            return d;
        }

        public ConnectorLimits build() {
            return new ConnectorLimits(this);
        }
    }
}
