package dev.clearance.cli;

import dev.clearance.PolicyEngine;
import dev.clearance.micrometer.DecisionMeters;
import dev.clearance.server.ClearanceServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serves decisions over HTTP until stopped (SIGTERM or Ctrl-C stop it gracefully):",
            "  POST /v1/decisions   request JSON -> decision JSON",
            "  POST /v1/redactions  {\"text\": \"...\"} -> {\"content\", \"redactions\"}",
            "  GET  /health         {\"status\": \"UP\", \"pack\": ..., \"packVersion\": ...}",
            "  GET  /metrics        Prometheus text format",
            "Errors are {\"error\": \"...\", \"field\": \"...\"} with 400, 404, 405, 413 or 415."
        })
final class ServeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    PackOptions packOptions;

    @Mixin
    AuditOptions auditOptions;

    @Option(
            names = "--host",
            paramLabel = "HOST",
            description = "Address to bind (default: ${DEFAULT-VALUE}, loopback only).")
    String host = ClearanceServer.DEFAULT_HOST;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "Port to bind, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port = ClearanceServer.DEFAULT_PORT;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: ${DEFAULT-VALUE}).")
    int threads = ClearanceServer.DEFAULT_THREADS;

    @Option(
            names = "--max-body-bytes",
            paramLabel = "N",
            description = "Largest request body; larger ones get 413 (default: ${DEFAULT-VALUE}).")
    int maxBodyBytes = ClearanceServer.DEFAULT_MAX_BODY_BYTES;

    @Option(
            names = "--idle-timeout-ms",
            paramLabel = "MS",
            description = "Closes a connection silent this long, also mid-body (default: ${DEFAULT-VALUE}).")
    long idleTimeoutMillis = ClearanceServer.DEFAULT_IDLE_TIMEOUT_MILLIS;

    @Option(
            names = "--shutdown-timeout-ms",
            paramLabel = "MS",
            description = "How long shutdown waits for in-flight requests (default: ${DEFAULT-VALUE}).")
    long shutdownTimeoutMillis = ClearanceServer.DEFAULT_SHUTDOWN_TIMEOUT_MILLIS;

    @Option(
            names = "--max-connections",
            paramLabel = "N",
            description = "Most connections open at once; more wait until one closes; keep below ulimit -n "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxConnections = ClearanceServer.DEFAULT_MAX_CONNECTIONS;

    @Option(
            names = "--header-timeout-ms",
            paramLabel = "MS",
            description = "Closes a new connection that has not sent its request headers by then "
                    + "(default: ${DEFAULT-VALUE}).")
    long headerTimeoutMillis = ClearanceServer.DEFAULT_HEADER_TIMEOUT_MILLIS;

    @Option(
            names = "--min-data-rate",
            paramLabel = "BYTES_PER_S",
            description = "A request body slower than this on average after the grace period gets 408; 0: off "
                    + "(default: ${DEFAULT-VALUE}).")
    long minDataRate = ClearanceServer.DEFAULT_MIN_DATA_RATE;

    @Option(
            names = "--min-data-rate-grace-ms",
            paramLabel = "MS",
            description = "Time a body may take before --min-data-rate applies (default: ${DEFAULT-VALUE}).")
    long minDataRateGraceMillis = ClearanceServer.DEFAULT_MIN_DATA_RATE_GRACE_MILLIS;

    @Option(
            names = "--watch",
            description = "Hot-reload --pack DIR when its files change; a pack that does not "
                    + "compile, check or verify keeps the last good one serving.")
    boolean watch;

    @Option(
            names = "--allow-rollback",
            description = "With --watch and --trusted-key: accept a reloaded pack whose version is older than the one"
                    + " serving. Without it such a pack is refused (an older signed pack is still validly signed).")
    boolean allowRollback;

    @Option(
            names = "--pack-url",
            paramLabel = "URL",
            description =
                    "Poll this https:, http: or file: URL (or file path) for a new pack bundle ('clearance"
                            + " bundle'); verified under --trusted-key before the swap, the last good pack kept on any failure.")
    String packUrl;

    @Option(
            names = "--poll-interval-ms",
            paramLabel = "MS",
            description = "With --pack-url: time between polls (default ${DEFAULT-VALUE}); doubled after each"
                    + " failure, up to 10 minutes.")
    long pollIntervalMillis = 30_000;

    private volatile dev.clearance.pack.PackPoller poller;

    /** Counted down once the server listens; tests wait on it. */
    final CountDownLatch started = new CountDownLatch(1);

    volatile ClearanceServer server;

    private volatile dev.clearance.ReloadingPolicyEngine reloading;

    /** Refused rollbacks already reported (the listener runs on the one reloading thread). */
    private long refusedRollbacks;

    @Override
    public Integer call() throws InterruptedException {
        if (threads < 1
                || maxBodyBytes < 1
                || port < 0
                || port > 65_535
                || idleTimeoutMillis < 1
                || shutdownTimeoutMillis < 1
                || maxConnections < 1
                || headerTimeoutMillis < 1
                || minDataRate < 0
                || minDataRateGraceMillis < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--threads, --max-body-bytes, --max-connections and the timeouts must be positive,"
                            + " --min-data-rate not negative, --port in 0..65535");
        }
        if (watch && (packOptions.pack == null || !java.nio.file.Files.isDirectory(packOptions.pack))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--watch needs --pack DIR");
        }
        if (allowRollback && (!watch || !packOptions.trust().requiresSignature())) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--allow-rollback needs --watch and --trusted-key");
        }
        if (packUrl != null && pollIntervalMillis < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--poll-interval-ms must be positive");
        }
        java.net.URI bundleUri = packUrl == null ? null : Packs.bundleUri(spec.commandLine(), packUrl);
        // /metrics: the engine's decision log feeds the meters (findings by type included)
        DecisionMeters meters = new DecisionMeters(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        PolicyEngine engine = auditOptions.apply(packOptions.builder(), meters).build();
        ClearanceServer.Builder builder = ClearanceServer.builder().decisionMeters(meters);
        if (watch || bundleUri != null) {
            PrintWriter err = spec.commandLine().getErr();
            reloading = dev.clearance.ReloadingPolicyEngine.builder(packOptions.rulePack())
                    .engineFactory(pack -> pack == packOptions.rulePack()
                            ? engine
                            : auditOptions
                                    .apply(packOptions.builderFor(pack), meters)
                                    .build())
                    .trust(packOptions.trust())
                    .allowRollback(allowRollback)
                    .listener(event -> {
                        boolean rollback = reloading != null && reloading.refusedRollbacks() > refusedRollbacks;
                        refusedRollbacks = reloading == null ? 0 : reloading.refusedRollbacks();
                        err.println("clearance: "
                                + (event.succeeded()
                                        ? "now serving " + event.packId() + "@" + event.packVersion()
                                        : "rejected " + event.attempted() + ", still serving "
                                                + event.packId() + "@" + event.packVersion() + ": "
                                                + (rollback
                                                        // names versions only: never rule text
                                                        ? event.diagnostics()
                                                                .get(0)
                                                                .message()
                                                        : event.diagnostics().size() + " problem(s)")));
                        err.flush();
                    })
                    .build();
            if (watch) {
                reloading.watch(packOptions.pack);
            }
            if (bundleUri != null) {
                poller = dev.clearance.pack.PackPoller.builder(bundleUri, reloading)
                        .trust(packOptions.trust())
                        .interval(Duration.ofMillis(pollIntervalMillis))
                        .maxBackoff(Duration.ofMinutes(10))
                        .build()
                        .start();
            }
            builder.engine(reloading);
        } else {
            builder.engine(engine);
        }
        ClearanceServer s = builder.host(host)
                .port(port)
                .threads(threads)
                .maxBodyBytes(maxBodyBytes)
                .idleTimeout(Duration.ofMillis(idleTimeoutMillis))
                .shutdownTimeout(Duration.ofMillis(shutdownTimeoutMillis))
                .maxConnections(maxConnections)
                .headerTimeout(Duration.ofMillis(headerTimeoutMillis))
                .minDataRate(minDataRate)
                .minDataRateGrace(Duration.ofMillis(minDataRateGraceMillis))
                .build();
        Thread hook = new Thread(() -> stop(s), "clearance-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            s.start();
        } catch (RuntimeException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            auditOptions.close();
            throw e;
        }
        server = s;
        PrintWriter err = spec.commandLine().getErr();
        err.printf(
                "clearance: serving %s@%s on %s (%d threads)%n",
                engine.packId(), engine.packVersion(), s.uri(), threads);
        err.flush();
        started.countDown();
        s.join();
        stop(s);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it stops the server
        }
        return ExitCodes.OK;
    }

    /** Graceful: stop accepting, drain in-flight requests, then close the audit log. */
    private void stop(ClearanceServer s) {
        try {
            s.close();
        } catch (RuntimeException e) {
            // one line, never a stack trace (this also runs in the SIGTERM hook)
            PrintWriter err = spec.commandLine().getErr();
            err.println(
                    "clearance: server did not stop cleanly: " + e.getClass().getSimpleName());
            err.flush();
        }
        try {
            if (poller != null) {
                poller.close();
            }
            if (reloading != null) {
                reloading.close();
            }
        } finally {
            auditOptions.close();
        }
    }
}
