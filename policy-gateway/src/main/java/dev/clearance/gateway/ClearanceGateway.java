package dev.clearance.gateway;

import dev.clearance.PolicyDecider;
import dev.clearance.PolicyEngine;
import dev.clearance.ReloadingPolicyEngine;
import dev.clearance.decisionlog.DecisionLog;
import dev.clearance.decisionlog.DecisionLogFile;
import dev.clearance.micrometer.DecisionMeters;
import dev.clearance.pack.PackPoller;
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
    private final AutoCloseable logFile;
    private final GatewayHandler handler;
    private final String host;
    private final ReloadingPolicyEngine reloading;
    private final CatalogWatch catalogWatch;
    private volatile PackPoller poller;

    private final PolicyDecider engine;

    private ClearanceGateway(
            GatewayConfig config,
            PolicyDecider engine,
            PackStatus status,
            ReloadingPolicyEngine reloading,
            AsyncDecisionLog logFile,
            AtomicReference<DecisionMeters> meters) {
        this.logFile = logFile;
        this.engine = engine;
        this.reloading = reloading;
        this.host = config.host();
        Callers callers = Callers.of(config);
        Map<GatewayConfig.Route, String> keys = new HashMap<>();
        for (int i = 0; i < config.routes().size(); i++) {
            GatewayConfig.Route r = config.routes().get(i);
            if (r.upstreamKey() != null) {
                keys.put(r, r.upstreamKey().read("routes[" + i + "].upstreamKey"));
            }
        }
        // the server threads read each request, decide it and send it upstream on the same thread (no hand-off to
        // another executor): limits.threads of them decide at once, plus the acceptor and the selector; more
        // requests wait in the pool's bounded queue. Threads are made only when that many requests are in flight.
        QueuedThreadPool pool = new QueuedThreadPool(config.threads() + 3, Math.min(4, config.threads() + 3));
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
        // no cookie jar: a cookie one caller's answer set must never go upstream with another caller's request
        client.setHttpCookieStore(new org.eclipse.jetty.http.HttpCookieStore.Empty());
        client.setMaxConnectionsPerDestination(Math.max(64, config.threads()));

        handler = new GatewayHandler(config, engine, status, callers, keys, client);
        ConnectorLimits.Meters connections = limits.apply(server, connector, handler.metrics.registry);
        if (meters != null) {
            DecisionMeters decisionMeters = new DecisionMeters(handler.metrics.registry);
            if (reloading != null) {
                decisionMeters.bindReloads(reloading::rejectedReloads, reloading::refusedRollbacks);
            }
            meters.set(decisionMeters);
        }
        CatalogWatch cw = null;
        if (reloading != null && config.catalog() != null && !config.catalog().startsWith(config.pack())) {
            cw = CatalogWatch.start(config.catalog(), () -> reloading.reload(config.pack()));
        }
        catalogWatch = cw;
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
        PackTrust trust = config.trustedKeys().isEmpty()
                ? PackTrust.none()
                : PackTrust.fromPem(config.trustedKeys().toArray(Path[]::new));
        PolicySetup base = config.pack() == null ? PolicySetup.builtIn() : PolicySetup.load(config.pack(), trust);
        PolicySetup setup = config.catalog() == null ? base : base.organizationCatalog(config.catalog());
        DecisionLogFile logFile = config.decisionLog() == null ? null : DecisionLog.appendTo(config.decisionLog());
        // formatted and written off the request threads
        AsyncDecisionLog file = new AsyncDecisionLog(
                logFile == null ? DecisionLog.slf4j() : logFile,
                () -> {
                    if (logFile != null) {
                        logFile.close();
                    }
                },
                65_536);
        // the decision meters live on the gateway's registry, made with the gateway: until then they count nothing
        AtomicReference<DecisionMeters> meters = new AtomicReference<>();
        DecisionLogSink metered = r -> {
            DecisionMeters m = meters.get();
            if (m != null) {
                m.record(r);
            }
        };
        DecisionLogSink log = DecisionLog.tee(file, metered);
        PolicyEngine engine = setup.engineBuilder().decisionLog(log).build();
        if (!config.watch() && config.packUrl() == null) {
            return start(config, engine, new PackStatus(engine, false, false), null, file, meters);
        }
        if (config.watch() && !java.nio.file.Files.isDirectory(config.pack())) {
            file.close();
            throw new GatewayConfigException("policy.watch", "needs policy.pack to be a directory");
        }
        PackStatus[] status = new PackStatus[1];
        ReloadingPolicyEngine reloading = ReloadingPolicyEngine.builder(setup.rulePack())
                .engineFactory(pack -> {
                    if (pack == setup.rulePack()) {
                        return engine;
                    }
                    // the catalog file is read again with every reload: a changed catalog is picked up too
                    PolicySetup next = base.withPack(pack);
                    if (config.catalog() != null) {
                        next = next.organizationCatalog(config.catalog());
                    }
                    return next.engineBuilder().decisionLog(log).build();
                })
                .trust(trust)
                .listener(event -> {
                    if (status[0] != null) {
                        status[0].reloaded(event);
                    }
                    if (event.succeeded()) {
                        LOG.info("gateway now serving {}@{}", event.packId(), event.packVersion());
                    } else {
                        // names the pack tried and counts problems: never rule text
                        LOG.warn(
                                "gateway rejected {} ({} problem(s)), still serving {}@{}",
                                event.attempted(),
                                event.diagnostics().size(),
                                event.packId(),
                                event.packVersion());
                    }
                })
                .build();
        status[0] = new PackStatus(reloading, config.watch(), config.packUrl() != null);
        try {
            if (config.watch()) {
                reloading.watch(config.pack());
            }
        } catch (RuntimeException e) {
            reloading.close();
            file.close();
            throw new GatewayConfigException("policy.pack", "cannot be watched");
        }
        ClearanceGateway g = start(config, reloading, status[0], reloading, file, meters);
        if (config.packUrl() != null) {
            // like clearance serve --pack-url: each bundle verified under the trusted keys before the swap, the
            // last good pack kept on any failure (the reload listener above reports it on /health and the log)
            g.poller = PackPoller.builder(config.packUrl(), reloading)
                    .trust(trust)
                    .interval(config.pollInterval())
                    .maxBackoff(max(config.pollInterval(), java.time.Duration.ofMinutes(10)))
                    .build()
                    .start();
        }
        return g;
    }

    private static java.time.Duration max(java.time.Duration a, java.time.Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Starts serving with an engine built by the caller (embedding, tests); the configuration's pack is ignored. */
    public static ClearanceGateway start(GatewayConfig config, PolicyEngine engine) {
        Objects.requireNonNull(engine, "engine");
        return start(
                Objects.requireNonNull(config, "config"),
                engine,
                new PackStatus(engine, false, false),
                null,
                null,
                null);
    }

    /**
     * Starts serving with a reloading engine built by the caller: its reloads show on {@code /health} only when
     * they go through {@link #start(GatewayConfig)}; use that for {@code policy.watch}.
     */
    private static ClearanceGateway start(
            GatewayConfig config,
            PolicyDecider engine,
            PackStatus status,
            ReloadingPolicyEngine reloading,
            AsyncDecisionLog file,
            AtomicReference<DecisionMeters> meters) {
        ClearanceGateway g = new ClearanceGateway(config, engine, status, reloading, file, meters);
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
        PackPoller p = poller;
        if (p != null) {
            p.close();
        }
        if (catalogWatch != null) {
            catalogWatch.close();
        }
        if (reloading != null) {
            reloading.close();
        }
        try {
            client.stop();
        } catch (Exception e) {
            LOG.warn(
                    "the upstream client did not stop cleanly: {}", e.getClass().getSimpleName());
        }
        if (logFile != null) {
            try {
                logFile.close();
            } catch (Exception e) {
                LOG.warn(
                        "the decision log did not close cleanly: {}",
                        e.getClass().getSimpleName());
            }
        }
    }

    @Override
    public String toString() {
        return "ClearanceGateway[" + host + ":" + port() + "]";
    }
}
