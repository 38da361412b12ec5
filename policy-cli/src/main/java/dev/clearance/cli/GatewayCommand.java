package dev.clearance.cli;

import dev.clearance.gateway.ClearanceGateway;
import dev.clearance.gateway.GatewayConfig;
import dev.clearance.gateway.GatewayConfigException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "gateway",
        mixinStandardHelpOptions = true,
        description = {
            "Enforces the policy in front of OpenAI- and Anthropic-compatible traffic until stopped",
            "(SIGTERM or Ctrl-C drain requests and streams in flight). Point an SDK's base URL at a route:",
            "  POST <prefix>/v1/chat/completions   OpenAI Chat Completions (stream: true too)",
            "  POST <prefix>/v1/responses          OpenAI Responses (stream: true too)",
            "  POST <prefix>/v1/embeddings         OpenAI Embeddings",
            "  POST <prefix>/v1/messages           Anthropic Messages (streaming too)",
            "  GET  /health, GET /metrics",
            "DENY is a 403 in the provider's error shape naming the rule ids. See docs/gateway.md."
        })
final class GatewayCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--config",
            required = true,
            paramLabel = "FILE",
            description = "The gateway's YAML configuration (see policy-gateway/gateway.example.yaml).")
    Path config;

    @Option(names = "--port", paramLabel = "PORT", description = "Overrides listen.port (0 for any free one).")
    Integer port;

    @Option(
            names = "--watch",
            description = "Reload the pack directory (and the organization catalog) when they change, like"
                    + " policy.watch: true; a broken pack leaves the last good one serving (see /health).")
    boolean watch;

    @Option(
            names = "--pack-url",
            paramLabel = "URL",
            description = "Poll this https:, http: or file: URL (or file path) for a new pack bundle ('clearance"
                    + " bundle'), like policy.packUrl; verified under policy.trustedKeys before the swap, the last"
                    + " good pack kept on any failure (see /health).")
    String packUrl;

    /** Counted down once the gateway listens; tests wait on it. */
    final CountDownLatch started = new CountDownLatch(1);

    volatile ClearanceGateway gateway;

    @Override
    public Integer call() throws InterruptedException {
        if (port != null && (port < 0 || port > 65_535)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be in 0..65535");
        }
        GatewayConfig cfg;
        ClearanceGateway g;
        try {
            cfg = GatewayConfig.load(config);
            if (port != null) {
                cfg = cfg.withPort(port);
            }
            if (watch) {
                cfg = cfg.withWatch(true);
            }
            if (packUrl != null) {
                cfg = cfg.withPackUrl(Packs.bundleUri(spec.commandLine(), packUrl));
            }
            g = ClearanceGateway.start(cfg);
        } catch (GatewayConfigException e) {
            // names the key path, never a value
            throw new ExitCodes.InvalidInput("--config: " + e.getMessage());
        }
        gateway = g;
        Thread hook = new Thread(() -> stop(g), "clearance-gateway-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter err = spec.commandLine().getErr();
        err.printf(
                "clearance: gateway on %s, %d route(s)%n", g.uri(), cfg.routes().size());
        err.flush();
        started.countDown();
        g.join();
        stop(g);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it stops the gateway
        }
        return ExitCodes.OK;
    }

    private void stop(ClearanceGateway g) {
        try {
            g.close();
        } catch (RuntimeException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(
                    "clearance: gateway did not stop cleanly: " + e.getClass().getSimpleName());
            err.flush();
        }
    }
}
