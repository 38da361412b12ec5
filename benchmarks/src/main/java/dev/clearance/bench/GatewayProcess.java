package dev.clearance.bench;

import dev.clearance.PolicyEngine;
import dev.clearance.gateway.ClearanceGateway;
import dev.clearance.gateway.GatewayConfig;
import dev.clearance.rules.PolicySetup;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The gateway {@link GatewayLoad} measures, in a JVM of its own (so the driver's and the fake upstream's garbage
 * collections and threads do not land in it): the built-in pack, one OpenAI route to the fake upstream. Prints
 * {@code port N} once it serves and stops when its standard input closes (the driver exits or closes it).
 *
 * <p>Usage: {@code java [JVM flags] -cp benchmarks.jar dev.clearance.bench.GatewayProcess UPSTREAM_PORT THREADS}
 */
public final class GatewayProcess {
    private GatewayProcess() {}

    public static void main(String[] args) throws Exception {
        int upstreamPort = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        try (ClearanceGateway gateway = start(upstreamPort, threads)) {
            System.out.println("port " + gateway.port());
            System.out.flush();
            InputStream in = System.in;
            while (in.read() >= 0) {
                // until the driver closes our input
            }
        }
    }

    /** The gateway the benchmark runs: as {@code clearance gateway} builds it, minus the decision log. */
    static ClearanceGateway start(int upstreamPort, int threads) {
        PolicyEngine engine = PolicySetup.builtIn().engineBuilder().build();
        GatewayConfig config = GatewayConfig.parse("""
                listen: {port: 0}
                identity: {header: X-User}
                routes:
                  - {prefix: /openai, api: openai, upstream: "http://127.0.0.1:%d", product: openai:api}
                limits: {threads: %d}
                """.formatted(upstreamPort, threads), Path.of("."));
        return ClearanceGateway.start(config, engine);
    }
}
