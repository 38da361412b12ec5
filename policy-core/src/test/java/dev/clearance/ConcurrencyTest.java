package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

    @Test
    void evaluate_fromManyThreads_matchesSequentialResults() throws Exception {
        PolicyEngine engine = PolicyEngine.builder()
                .rulePack(TestPacks.drl("""
                rule "allow" when Data() then verdict.allow(); end
                rule "no-training" when Data(classification != Classification.PUBLIC)
                    Destination(trainsOnData) then verdict.deny("trains"); end
                rule "restricted" when Data(classification == Classification.RESTRICTED)
                    Destination(tier != Tier.LOCAL) then verdict.deny("local only"); end
                rule "redact" when $f : Finding() then verdict.redact($f); end
                """))
                .scanner(ContentScanner.builder()
                        .add(TestPacks.word("token", i -> Finding.secret("w", i, i + 5, 1)))
                        .build())
                .limits(TestPacks.PATIENT)
                .build();
        List<PolicyRequest> requests = new ArrayList<>();
        Tier[] tiers = {Tier.CONSUMER, Tier.API, Tier.ENTERPRISE, Tier.LOCAL};
        for (Classification c : Classification.values()) {
            for (Tier t : tiers) {
                for (boolean optOut : new boolean[] {true, false}) {
                    requests.add(PolicyRequest.builder()
                            .id(c + "/" + t + "/" + optOut)
                            .destination(PolicyRequest.Destination.of("acme", t).withTrainingOptOut(optOut))
                            .classification(c)
                            .content(optOut ? "a token here" : "plain")
                            .build());
                }
            }
        }
        List<String> sequential =
                requests.stream().map(r -> summary(engine.evaluate(r))).toList();

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    List<String> all = new ArrayList<>();
                    for (int round = 0; round < 50; round++) {
                        for (PolicyRequest r : requests) {
                            all.add(summary(engine.evaluate(r)));
                        }
                    }
                    return all;
                }));
            }
            for (Future<List<String>> f : futures) {
                List<String> all = f.get();
                for (int i = 0; i < all.size(); i++) {
                    assertThat(all.get(i)).isEqualTo(sequential.get(i % sequential.size()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sequential)
                .anyMatch(s -> s.contains("DENY"))
                .anyMatch(s -> s.contains("REDACT"))
                .anyMatch(s -> s.contains("ALLOW"));
    }

    private static String summary(Decision d) {
        return d.id() + " " + d.effect() + " " + d.ruleIds() + " " + d.content();
    }
}
