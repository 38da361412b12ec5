package dev.clearance.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.PolicyEngine;
import dev.clearance.decisionlog.DecisionLog;
import dev.clearance.rules.DefaultRulePack;
import org.junit.jupiter.api.Test;

/** A bounded loopback load: 20,000 decisions from 8 concurrent keep-alive clients, no error allowed. */
class LoadTest {

    @Test
    void decisions_20000RequestsFrom8Clients_noErrors() throws Exception {
        PolicyEngine engine = PolicyEngine.builder()
                .rulePack(DefaultRulePack.v1())
                .decisionLog(DecisionLog.none())
                .build();
        try (ClearanceServer server = ClearanceServer.builder()
                .engine(engine)
                .port(0)
                .threads(8)
                .build()
                .start()) {
            LoadGenerator.run(server.uri(), 2_000, 8); // warm-up (JIT, Drools)

            LoadGenerator.Result r = LoadGenerator.run(server.uri(), 20_000, 8);

            System.out.println("LoadTest: 8 clients, " + r.summary());
            assertThat(r.errors()).isZero();
            assertThat(java.util.Arrays.stream(r.latenciesNanos()).min().orElse(0))
                    .isPositive();
        }
    }
}
