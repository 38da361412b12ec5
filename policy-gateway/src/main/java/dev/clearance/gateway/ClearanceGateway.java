package dev.clearance.gateway;

import dev.clearance.PolicyEngine;
import dev.clearance.decisionlog.DecisionLog;
import dev.clearance.decisionlog.DecisionLogFile;
import dev.clearance.micrometer.DecisionMeters;
import dev.clearance.pack.PackTrust;
import dev.clearance.rules.PolicySetup;
import dev.clearance.server.http.ConnectorLimits;
import dev.clearance.spi.DecisionLogSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy in front of OpenAI- and Anthropic-compatible traffic ({@code clearance gateway}): callers point their
 * SDK's base URL at a route of the gateway; every request is decided by the rule pack, denied in the provider's
 * own error shape, or forwarded (with placeholders where the pack redacts) to the route's upstream, and the
 * answer is checked and its placeholders restored, streams included. See {@code docs/gateway.md}.
 *
 * <pre>{@code
 * try (ClearanceGateway gateway = ClearanceGateway.start(GatewayConfig.load(Path.of("gateway.yaml")))) {
 *     gateway.join();
 * }
 * }</pre>
 */
public final class ClearanceGateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClearanceGateway.class);

    private final Server server;
    private final ServerConnector connector;
    private final HttpClient client;
    private final ThreadPoolExecutor workers;
    private final DecisionLogFile logFile;
    private final GatewayHandler handler;
    private final String host;

    private final PolicyEngine engine;

    private ClearanceGateway(
            GatewayConfig config,
            PolicyEngine engine,
            DecisionLogFile logFile,
            AtomicReference<DecisionMeters> meters) {
        this.logFile = logFile;
        this.engine = engine;
        this.host = config.host();
        Callers callers = Callers.of(config);
        Map<GatewayConfig.Route, String> keys = new HashMap<>();
        for (int i = 0; i < config.routes().size(); i++) {
            GatewayConfig.Route r = config.routes().get(i);
            if (r.upstreamKey() != null) {
                keys.put(r, r.upstreamKey().read("routes[" + i + "].upstreamKey"));
            }
        }
        QueuedThreadPool pool = new QueuedThreadPool(16, 4);
        pool.setName("clearance-gateway-http");
        server = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(32 * 1024);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        server.addConnector(connector);
        // the same slow-client limits as clearance serve: connection limit, header timeout, idle timeout, body rate
        ConnectorLimits limits = ConnectorLimits.builder()
                .maxConnections(config.maxConnections())
                .headerTimeout(config.headerTimeout())
                .idleTimeout(config.idleTimeout())
                .minDataRate(config.minDataRate())
                .minDataRateGrace(config.minDataRateGrace())
                .build();

        QueuedThreadPool clientPool = new QueuedThreadPool(16, 2);
        clientPool.setName("clearance-gateway-upstream");
        client = new HttpClient();
        client.setExecutor(clientPool);
        client.setConnectTimeout(config.connectTimeout().toMillis());
        client.setFollowRedirects(false);
        client.setUserAgentField(null);
        client.setMaxConnectionsPerDestination(Math.max(64, config.threads()));

        AtomicInteger n = new AtomicInteger();
        workers = new ThreadPoolExecutor(
                config.threads(), config.threads(), 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1024), r -> {
                    Thread t = new Thread(r, "clearance-gateway-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        handler = new GatewayHandler(config, engine, callers, keys, client, workers);
        ConnectorLimits.Meters connections = limits.apply(server, connector, handler.metrics.registry);
        if (meters != null) {
            meters.set(new DecisionMeters(handler.metrics.registry));
        }
        server.setHandler(new GracefulHandler(limits.minimumDataRate(handler, connections)));
        server.setStopTimeout(config.shutdownTimeout().toMillis());
        server.setStopAtShutdown(false);
    }

    /**
     * Builds the engine the configuration names (through {@link PolicySetup}: pack, trusted keys, organization
     * catalog, decision log), binds and starts serving.
     *
     * @throws GatewayConfigException when a file the configuration names cannot be used
     * @throws UncheckedIOException when the address cannot be bound
     */
    public static ClearanceGateway start(GatewayConfig config) {
        Objects.requireNonNull(config, "config");
        PolicySetup setup = config.pack() == null
                ? PolicySetup.builtIn()
                : PolicySetup.load(
                        config.pack(),
                        config.trustedKeys().isEmpty()
                                ? PackTrust.none()
                                : PackTrust.fromPem(config.trustedKeys().toArray(Path[]::new)));
        if (config.catalog() != null) {
            setup = setup.organizationCatalog(config.catalog());
        }
        DecisionLogFile file = config.decisionLog() == null ? null : DecisionLog.appendTo(config.decisionLog());
        // the decision meters live on the gateway's registry, made with the gateway: until then they count nothing
        AtomicReference<DecisionMeters> meters = new AtomicReference<>();
        DecisionLogSink metered = r -> {
            DecisionMeters m = meters.get();
            if (m != null) {
                m.record(r);
            }
        };
        PolicyEngine engine = setup.engineBuilder()
                .decisionLog(DecisionLog.tee(file == null ? DecisionLog.slf4j() : file, metered))
                .build();
        return start(config, engine, file, meters);
    }

    /** Starts serving with an engine built by the caller (embedding, tests); the configuration's pack is ignored. */
    public static ClearanceGateway start(GatewayConfig config, PolicyEngine engine) {
        return start(Objects.requireNonNull(config, "config"), Objects.requireNonNull(engine, "engine"), null, null);
    }

    private static ClearanceGateway start(
            GatewayConfig config, PolicyEngine engine, DecisionLogFile file, AtomicReference<DecisionMeters> meters) {
        ClearanceGateway g = new ClearanceGateway(config, engine, file, meters);
        try {
            g.client.start();
            g.server.start();
        } catch (IOException e) {
            g.close();
            throw new UncheckedIOException("cannot listen on " + config.host() + ":" + config.port(), e);
        } catch (Exception e) {
            g.close();
            throw new IllegalStateException(
                    "cannot start the gateway: " + e.getClass().getSimpleName(), e);
        }
        return g;
    }

    /** The bound port (the actual one when 0 was configured). */
    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http://host:port/}. */
    public URI uri() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + h + ":" + port() + "/");
    }

    /** Blocks until the gateway has stopped. */
    public void join() throws InterruptedException {
        server.join();
    }

    /** The {@code /metrics} text (Prometheus format); for embedding and tests. */
    public String metrics() {
        return handler.metrics.render(engine.packId(), engine.packVersion());
    }

    /**
     * Graceful stop: stops accepting, lets requests and streams in flight finish (up to
     * {@code limits.shutdownTimeoutMillis}), then closes the upstream client and the decision log. Idempotent.
     */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("the gateway did not stop cleanly: {}", e.getClass().getSimpleName());
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        try {
            client.stop();
        } catch (Exception e) {
            LOG.warn(
                    "the upstream client did not stop cleanly: {}", e.getClass().getSimpleName());
        }
        if (logFile != null) {
            logFile.close();
        }
    }

    @Override
    public String toString() {
        return "ClearanceGateway[" + host + ":" + port() + "]";
    }
}
