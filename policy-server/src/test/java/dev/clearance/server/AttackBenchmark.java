package dev.clearance.server;

import dev.clearance.PolicyEngine;
import dev.clearance.decisionlog.DecisionLog;
import dev.clearance.rules.DefaultRulePack;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;

/**
 * The slow-body attack as a measurement (timing targets live here, not in unit tests): the same server, the same
 * normal load measured quiet and then under {@code SLOW} slow-body connections, with {@code /health} probed
 * throughout. Targets: {@code /health} p99 at most 100 ms under attack, normal throughput at least 80% of quiet.
 * Quiet and attacked runs alternate for {@code ROUNDS} rounds; throughput is compared as medians. Run with
 * {@code bench/attack [SLOW=1000] [REQUESTS=20000] [CLIENTS=8] [ROUNDS=3]}.
 */
public final class AttackBenchmark {
    private AttackBenchmark() {}

    /**
     * Latencies of {@code GET /health}, one at a time every {@code intervalMillis}, each on a new connection (as a
     * load balancer or Kubernetes probe does, so accepting is measured too); -1 for a failed probe.
     */
    static long[] probeHealth(URI base, int probes, long intervalMillis) throws InterruptedException {
        byte[] get = ("GET /health HTTP/1.1\r\nHost: " + base.getHost() + "\r\nConnection: close\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        long[] latencies = new long[probes];
        for (int i = 0; i < probes; i++) {
            long t0 = System.nanoTime();
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress(base.getHost(), base.getPort()), 5_000);
                s.setSoTimeout(5_000);
                s.getOutputStream().write(get);
                byte[] answer = s.getInputStream().readAllBytes();
                String head =
                        new String(answer, 0, Math.min(answer.length, 12), java.nio.charset.StandardCharsets.US_ASCII);
                latencies[i] = head.equals("HTTP/1.1 200") ? System.nanoTime() - t0 : -1;
            } catch (java.io.IOException e) {
                latencies[i] = -1;
            }
            Thread.sleep(intervalMillis);
        }
        return latencies;
    }

    static double percentileMillis(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    public static void main(String[] args) throws Exception {
        int slow = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        PolicyEngine engine = PolicyEngine.builder()
                .rulePack(DefaultRulePack.v1())
                .decisionLog(DecisionLog.none())
                .build();
        try (ClearanceServer server = ClearanceServer.builder()
                .engine(engine)
                .port(0)
                .threads(clients)
                .build()
                .start()) {
            URI base = server.uri();
            LoadGenerator.run(base, Math.max(2_000, requests / 5), clients); // warm-up (JIT, Drools)
            // quiet and attacked runs alternate, so drift on a shared machine hits both sides alike
            double[] quiet = new double[rounds];
            double[] attacked = new double[rounds];
            long errors = 0;
            long[] allHealth = new long[0];
            for (int round = 0; round < rounds; round++) {
                LoadGenerator.Result q = LoadGenerator.run(base, requests, clients);
                quiet[round] = q.throughput();
                errors += q.errors();
                System.out.println("round " + (round + 1) + " quiet:        " + q.summary());
                try (SlowBodyAttack attack = new SlowBodyAttack(server.port(), slow, 500)) {
                    long deadline = System.nanoTime() + 30_000_000_000L;
                    while (attack.connected() < slow && System.nanoTime() < deadline) {
                        Thread.sleep(50);
                    }
                    int open = attack.connected();
                    HealthProbe probe = new HealthProbe(base);
                    probe.start();
                    LoadGenerator.Result a = LoadGenerator.run(base, requests, clients);
                    long[] h = probe.finish();
                    attacked[round] = a.throughput();
                    errors += a.errors();
                    allHealth = concat(allHealth, h);
                    System.out.println("round " + (round + 1) + " under attack: " + a.summary());
                    System.out.printf(
                            Locale.ROOT,
                            "round %d attack: %d slow connections open at the start, %d at"
                                    + " the end, %d cut by the server and reopened; /health %d probes, p50 %.2f ms, p99"
                                    + " %.2f ms, max %.2f ms, failed %d%n",
                            round + 1,
                            open,
                            attack.connected(),
                            attack.closedByServer(),
                            h.length,
                            percentileMillis(h, 50),
                            percentileMillis(h, 99),
                            percentileMillis(h, 100),
                            failed(h));
                }
            }
            double quietMedian = median(quiet);
            double attackedMedian = median(attacked);
            double ratio = attackedMedian / quietMedian;
            double p99 = percentileMillis(allHealth, 99);
            System.out.printf(
                    Locale.ROOT,
                    "health under %d slow connections: %d probes, p50 %.2f ms, p99 %.2f ms,"
                            + " max %.2f ms, failed %d%n",
                    slow,
                    allHealth.length,
                    percentileMillis(allHealth, 50),
                    p99,
                    percentileMillis(allHealth, 100),
                    failed(allHealth));
            System.out.printf(
                    Locale.ROOT,
                    "throughput, median of %d rounds: quiet %.0f req/s, under attack %.0f"
                            + " req/s = %.0f%%; %d errors%n",
                    rounds,
                    quietMedian,
                    attackedMedian,
                    ratio * 100,
                    errors);
            boolean ok = failed(allHealth) == 0 && p99 <= 100 && ratio >= 0.8 && errors == 0;
            System.out.println(ok ? "targets met (health p99 <= 100 ms, throughput >= 80%)" : "TARGETS MISSED");
            if (!ok) {
                System.exit(1);
            }
        }
    }

    /** Probes {@code /health} every 20 ms on its own thread until {@link #finish()}. */
    private static final class HealthProbe extends Thread {
        private final URI base;
        private final java.util.List<Long> latencies = new java.util.ArrayList<>();
        private volatile boolean running = true;

        HealthProbe(URI base) {
            super("health-probe");
            this.base = base;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                try {
                    latencies.add(probeHealth(base, 1, 20)[0]);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long[] finish() throws InterruptedException {
            running = false;
            join();
            return latencies.stream().mapToLong(Long::longValue).toArray();
        }
    }

    private static long[] concat(long[] a, long[] b) {
        long[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1
                ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static long failed(long[] latencies) {
        return Arrays.stream(latencies).filter(l -> l < 0).count();
    }
}
