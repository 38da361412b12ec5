package dev.clearance.bench;

import dev.clearance.PolicyEngine;
import dev.clearance.gateway.ClearanceGateway;
import dev.clearance.gateway.GatewayConfig;
import dev.clearance.rules.PolicySetup;
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
            java.io.BufferedReader in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.US_ASCII));
            for (String line; (line = in.readLine()) != null; ) {
                // until the driver closes our input; "alloc" asks for the bytes allocated so far
                if (line.equals("alloc")) {
                    System.out.println("alloc " + allocatedBytes(false));
                    System.out.flush();
                } else if (line.equals("gc")) {
                    System.out.println("gc " + gcPauses());
                    System.out.flush();
                }
            }
        }
    }

    /**
     * {@code COUNT MILLIS}: the collections of this JVM so far and their summed time, as its collectors count them
     * (for the stop-the-world young and full collectors of Serial, Parallel and G1, pause time).
     */
    static String gcPauses() {
        long count = 0;
        long ms = 0;
        for (java.lang.management.GarbageCollectorMXBean gc :
                java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc.getName().contains("Concurrent") || gc.getName().endsWith("Cycles")) {
                continue; // G1's concurrent cycles, ZGC's and Shenandoah's whole cycles: not pauses
            }
            count += Math.max(0, gc.getCollectionCount());
            ms += Math.max(0, gc.getCollectionTime());
        }
        return count + " " + ms;
    }

    private static final java.util.Map<Long, Long> SEEN = new java.util.HashMap<>();
    private static long allocated;

    /**
     * Bytes allocated so far by this JVM's threads ({@code gatewayOnly}: by those named {@code clearance-gateway*}),
     * as HotSpot counts them per thread: each call adds what every live thread allocated since the previous call
     * (all of it for a thread new since then), so the total never goes down when threads end (what a thread
     * allocated after the previous call and before it ended is not counted).
     */
    static synchronized long allocatedBytes(boolean gatewayOnly) {
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long[] ids = mx.getAllThreadIds();
        long[] bytes = mx.getThreadAllocatedBytes(ids);
        java.lang.management.ThreadInfo[] infos = gatewayOnly ? mx.getThreadInfo(ids) : null;
        java.util.Set<Long> live = new java.util.HashSet<>();
        for (int i = 0; i < ids.length; i++) {
            boolean counted = !gatewayOnly
                    || (infos[i] != null && infos[i].getThreadName().startsWith("clearance-gateway"));
            if (counted && bytes[i] > 0) {
                live.add(ids[i]);
                Long before = SEEN.put(ids[i], bytes[i]);
                allocated += bytes[i] - (before == null ? 0 : before);
            }
        }
        SEEN.keySet().retainAll(live);
        return allocated;
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
