package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.clearance.pack.RulePack;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A reload whose new engine never finishes building, or throws an Error, keeps the last good pack. */
class BoundedReloadTest {
    private static final Duration RETURNS = Duration.ofSeconds(20);
    private static final PolicyRequest REQUEST = PolicyRequest.builder()
            .product("openai:api")
            .classification(Classification.INTERNAL)
            .build();

    @BeforeEach
    void gateOn() {
        Spin.on = true;
    }

    @AfterEach
    void gateOff() {
        Spin.on = false;
    }

    private static RulePack looping(String version) {
        // a never-ending rule is only possible in unrestricted (signed, opted-in) code
        return TestPacks.unrestricted("reloading", version, TestPacks.HEADER + Spin.rule("spin", "Data()"));
    }

    @Test
    void reload_packWhoseWarmUpNeverReturns_keepsTheLastGoodPack() {
        try (ReloadingPolicyEngine engine = ReloadingPolicyEngine.builder(ReloadingPolicyEngineTest.versioned("1"))
                .engineFactory(p -> PolicyEngine.builder()
                        .rulePack(p)
                        .limits(EvaluationLimits.builder()
                                .timeBudget(Duration.ofMillis(200))
                                .build())
                        .build())
                .build()) {
            ReloadEvent event = assertTimeoutPreemptively(RETURNS, () -> engine.reload(looping("2")));

            assertThat(event.succeeded()).isFalse();
            assertThat(event.attempted()).isEqualTo("reloading@2");
            assertThat(event.packVersion()).isEqualTo("1");
            assertThat(event.diagnostics()).isNotEmpty();
            assertThat(engine.evaluate(REQUEST).packVersion()).isEqualTo("1");
            assertThat(engine.evaluate(REQUEST).effect()).isEqualTo(Effect.ALLOW);
            // a later good pack still loads
            assertThat(engine.reload(ReloadingPolicyEngineTest.versioned("3")).succeeded())
                    .isTrue();
            assertThat(engine.evaluate(REQUEST).packVersion()).isEqualTo("3");
        }
    }

    @Test
    void reload_buildThatNeverEnds_isAbandonedAtTheReloadTimeout() {
        CountDownLatch never = new CountDownLatch(1);
        RulePack v1 = ReloadingPolicyEngineTest.versioned("1");
        try (ReloadingPolicyEngine engine = ReloadingPolicyEngine.builder(v1)
                // long enough for a good pack to build on a loaded machine; the hanging one is abandoned at it
                .reloadTimeout(Duration.ofSeconds(5))
                .engineFactory(p -> {
                    if (p.version().equals("hangs")) {
                        while (Spin.on) {
                            Thread.onSpinWait();
                        }
                        never.countDown();
                    }
                    return PolicyEngine.builder().rulePack(p).build();
                })
                .build()) {
            ReloadEvent event = assertTimeoutPreemptively(
                    RETURNS, () -> engine.reload(ReloadingPolicyEngineTest.versioned("hangs")));

            assertThat(event.succeeded()).isFalse();
            assertThat(event.diagnostics().get(0).message()).contains("reload timeout");
            assertThat(engine.evaluate(REQUEST).packVersion()).isEqualTo("1");
            assertThat(engine.reload(ReloadingPolicyEngineTest.versioned("2")).succeeded())
                    .isTrue();
            assertThat(never.getCount()).isEqualTo(1);
        }
    }

    @Test
    void reload_buildThrowsAnError_keepsTheLastGoodPack() {
        try (ReloadingPolicyEngine engine = ReloadingPolicyEngine.builder(ReloadingPolicyEngineTest.versioned("1"))
                .engineFactory(p -> {
                    if (p.version().equals("overflows")) {
                        throw new StackOverflowError();
                    }
                    return PolicyEngine.builder().rulePack(p).build();
                })
                .build()) {
            ReloadEvent event = engine.reload(ReloadingPolicyEngineTest.versioned("overflows"));

            assertThat(event.succeeded()).isFalse();
            assertThat(event.diagnostics().get(0).message()).contains("StackOverflowError");
            assertThat(engine.evaluate(REQUEST).packVersion()).isEqualTo("1");
        }
    }
}
