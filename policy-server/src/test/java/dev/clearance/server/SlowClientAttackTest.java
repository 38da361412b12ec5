package dev.clearance.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.PolicyEngine;
import dev.clearance.decisionlog.DecisionLog;
import dev.clearance.rules.DefaultRulePack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The red team's attack, bounded and on loopback: 1,000 connections that send POST headers with a Content-Length and
 * then trickle the body, while normal clients run. Behaviour only, with generous bounds; the timing targets are
 * measured by {@link AttackBenchmark}.
 */
class SlowClientAttackTest {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void slowBodies_1000Connections_healthAnswersAndNormalRequestsSucceed() throws Exception {
        PolicyEngine engine = PolicyEngine.builder()
                .rulePack(DefaultRulePack.v1())
                .decisionLog(DecisionLog.none())
                .build();
        try (ClearanceServer server = ClearanceServer.builder()
                .engine(engine)
                .port(0)
                .threads(8)
                .minDataRateGrace(Duration.ofSeconds(2))
                .build()
                .start()) {
            URI base = server.uri();
            LoadGenerator.run(base, 1_000, 8); // warm-up

            try (SlowBodyAttack attack = new SlowBodyAttack(server.port(), 1_000, 500)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (attack.connected() < 1_000 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(attack.connected()).isEqualTo(1_000);
                // more than 16 slow bodies in progress at once: the old server had no worker left here
                CompletableFuture<long[]> health = CompletableFuture.supplyAsync(() -> {
                    try {
                        return AttackBenchmark.probeHealth(base, 100, 30);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });

                LoadGenerator.Result normal = LoadGenerator.run(base, 3_000, 8);
                long[] h = health.get(60, TimeUnit.SECONDS);

                System.out.println("SlowClientAttackTest: " + normal.summary() + "; health p99 "
                        + AttackBenchmark.percentileMillis(h, 99) + " ms");
                assertThat(normal.errors()).isZero();
                assertThat(Arrays.stream(h).min().orElse(-1))
                        .as("every /health probe answered 200")
                        .isPositive();
                assertThat(Arrays.stream(h).max().orElse(Long.MAX_VALUE))
                        .as("slowest /health")
                        .isLessThan(TimeUnit.SECONDS.toNanos(2));
                // the trickling bodies fall below 1024 B/s: after the 2 s grace they are cut, and reopened
                long waitCut = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (attack.closedByServer() == 0 && System.nanoTime() < waitCut) {
                    Thread.sleep(50);
                }
                assertThat(attack.closedByServer()).isPositive();
            }
            HttpResponse<String> metrics = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(base.resolve("/metrics"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metricValue(metrics.body(), "clearance_slow_clients_total{phase=\"body\"}"))
                    .isPositive();
            assertThat(metricValue(metrics.body(), "clearance_connections_accepted_total"))
                    .isGreaterThan(1_000);
            // still up after the attack
            assertThat(AttackBenchmark.probeHealth(base, 1, 0)[0]).isPositive();
        }
    }

    static double metricValue(String text, String series) {
        return text.lines()
                .filter(l -> l.startsWith(series + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + series));
    }
}
