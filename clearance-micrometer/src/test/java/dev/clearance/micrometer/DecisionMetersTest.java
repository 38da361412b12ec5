package dev.clearance.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.Decision;
import dev.clearance.Effect;
import dev.clearance.PolicyEngine;
import dev.clearance.PolicyRequest;
import dev.clearance.rules.DefaultRulePack;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DecisionMetersTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DecisionMeters meters = new DecisionMeters(registry);

    @Test
    void everyEffectCounterExistsAtZeroBeforeTheFirstDecision() {
        for (Effect e : Effect.values()) {
            assertThat(registry.get(DecisionMeters.DECISIONS)
                            .tag("effect", e.name())
                            .counter()
                            .count())
                    .isZero();
        }
    }

    @Test
    void asDecisionLogSink_countsEffectRulesLatencyAndFindingsByType() {
        PolicyEngine engine = PolicyEngine.builder()
                .rulePack(DefaultRulePack.v1())
                .decisionLog(meters)
                .build();

        Decision d = engine.evaluate(PolicyRequest.builder()
                .content("write to jane.doe@example.com about the invoice")
                .product("openai:api")
                .build());

        assertThat(registry.get(DecisionMeters.DECISIONS)
                        .tag("effect", d.effect().name())
                        .counter()
                        .count())
                .isEqualTo(1.0);
        for (String rule : d.ruleIds()) {
            assertThat(registry.get(DecisionMeters.DECISION_RULES)
                            .tags("effect", d.effect().name(), "rule", rule)
                            .counter()
                            .count())
                    .isEqualTo(1.0);
        }
        assertThat(registry.get(DecisionMeters.LATENCY).timer().count()).isEqualTo(1);
        assertThat(registry.get(DecisionMeters.FINDINGS)
                        .tag("type", "EMAIL_ADDRESS")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void aServedDecision_countsEffectRulesAndItsEvaluationTime() {
        PolicyEngine engine =
                PolicyEngine.builder().rulePack(DefaultRulePack.v1()).build();
        Decision d = engine.evaluate(PolicyRequest.builder()
                .content("nothing sensitive here")
                .product("openai:api")
                .build());

        meters.record(d);

        assertThat(registry.get(DecisionMeters.DECISIONS)
                        .tag("effect", d.effect().name())
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(registry.get(DecisionMeters.LATENCY).timer().totalTime(TimeUnit.MICROSECONDS))
                .isEqualTo((double) d.elapsedMicros());
        assertThat(registry.find(DecisionMeters.FINDINGS).counters()).isEmpty();
    }

    @Test
    void reloadCounters_readTheBoundEngineWhenScraped() {
        AtomicLong rejected = new AtomicLong();
        assertThat(registry.get(DecisionMeters.RELOADS_REJECTED)
                        .functionCounter()
                        .count())
                .isZero();

        meters.bindReloads(rejected::get, () -> 4);
        rejected.set(3);

        assertThat(registry.get(DecisionMeters.RELOADS_REJECTED)
                        .functionCounter()
                        .count())
                .isEqualTo(3.0);
        assertThat(registry.get(DecisionMeters.ROLLBACKS_REFUSED)
                        .functionCounter()
                        .count())
                .isEqualTo(4.0);
    }
}
