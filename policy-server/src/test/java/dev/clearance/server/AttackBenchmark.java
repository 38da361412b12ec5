package dev.clearance.server;

import dev.clearance.decisionlog.DecisionLog;
import dev.clearance.PolicyEngine;
import dev.clearance.rules.DefaultRulePack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The slow-body attack as a measurement (timing targets live here, not in unit tests): the same server, the same
 * normal load measured quiet and then under {@code SLOW} slow-body connections, with {@code /health} probed
 * throughout. Targets: {@code /health} p99 at most 100 ms under attack, normal throughput at least 80% of quiet.
 * Run with {@code bench/attack [SLOW=1000] [REQUESTS=20000] [CLIENTS=8]}.
 */
public final class AttackBenchmark {
    private AttackBenchmark() {
    }

    /** Latencies of {@code GET /health}, one at a time every {@code intervalMillis}; -1 for a failed probe. */
    static long[] probeHealth(URI base, int probes, long intervalMillis) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest get = HttpRequest.newBuilder(base.resolve("/health")).timeout(Duration.ofSeconds(5)).GET().build();
        long[] latencies = new long[probes];
        for (int i = 0; i < probes; i++) {
            long t0 = System.nanoTime();
            try {
                HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
                latencies[i] = r.statusCode() == 200 ? System.nanoTime() - t0 : -1;
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
        PolicyEngine engine = PolicyEngine.builder().rulePack(DefaultRulePack.v1()).decisionLog(DecisionLog.none()).build();
        try (ClearanceServer server = ClearanceServer.builder().engine(engine).port(0).threads(clients).build()
                .start()) {
            URI base = server.uri();
            LoadGenerator.run(base, Math.max(2_000, requests / 5), clients); // warm-up (JIT, Drools)
            LoadGenerator.Result quiet = LoadGenerator.run(base, requests, clients);
            long[] quietHealth = probeHealth(base, 200, 5);
            System.out.println("quiet:        " + quiet.summary());
            System.out.printf(Locale.ROOT, "quiet health: p50 %.2f ms, p99 %.2f ms, failed %d%n",
                    percentileMillis(quietHealth, 50), percentileMillis(quietHealth, 99), failed(quietHealth));

            try (SlowBodyAttack attack = new SlowBodyAttack(server.port(), slow, 500)) {
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (attack.connected() < slow && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                System.out.println("attack:       " + attack.connected() + " slow-body connections open");
                CompletableFuture<long[]> health = CompletableFuture.supplyAsync(() -> {
                    try {
                        return probeHealth(base, 400, 20);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                LoadGenerator.Result loaded = LoadGenerator.run(base, requests, clients);
                long[] h = health.get();
                System.out.println("under attack: " + loaded.summary());
                System.out.printf(Locale.ROOT, "under attack: %d slow connections open at the end, %d closed by the"
                        + " server and reopened%n", attack.connected(), attack.closedByServer());
                double p99 = percentileMillis(h, 99);
                double ratio = loaded.throughput() / quiet.throughput();
                System.out.printf(Locale.ROOT, "health under attack: %d probes, p50 %.2f ms, p99 %.2f ms, max %.2f ms,"
                        + " failed %d%n", h.length, percentileMillis(h, 50), p99, percentileMillis(h, 100), failed(h));
                System.out.printf(Locale.ROOT, "throughput under attack / quiet: %.0f / %.0f req/s = %.0f%%%n",
                        loaded.throughput(), quiet.throughput(), ratio * 100);
                boolean ok = failed(h) == 0 && p99 <= 100 && ratio >= 0.8 && loaded.errors() == 0;
                System.out.println(ok ? "targets met (health p99 <= 100 ms, throughput >= 80%)" : "TARGETS MISSED");
                if (!ok) {
                    System.exit(1);
                }
            }
        }
    }

    private static long failed(long[] latencies) {
        return Arrays.stream(latencies).filter(l -> l < 0).count();
    }
}
