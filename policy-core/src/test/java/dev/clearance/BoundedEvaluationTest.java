package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A rule that never returns cannot hold the caller: DENY limit.timeBudget, counted in health. */
class BoundedEvaluationTest {
    /** Generous: the assertion is that the call returns at all, not how fast. */
    private static final Duration RETURNS = Duration.ofSeconds(20);

    private static final EvaluationLimits SHORT =
            EvaluationLimits.builder().timeBudget(Duration.ofMillis(200)).build();

    @BeforeEach
    void gateOn() {
        Spin.on = true;
    }

    @AfterEach
    void gateOff() {
        Spin.on = false;
    }

    /** Allows every request except those whose purpose is "spin", on which a rule never returns. */
    private static PolicyEngine spinning() {
        return PolicyEngine.builder()
                .rulePack(TestPacks.unrestricted("""
                        rule "a.allow" when Context(purpose != "spin") then verdict.allow(); end
                        """ + Spin.rule("spin", "Context(purpose == \"spin\")")))
                .scanner(ContentScanner.none())
                .limits(SHORT)
                .build();
    }

    private static PolicyRequest request(String purpose) {
        return PolicyRequest.builder()
                .product("acme")
                .classification(Classification.PUBLIC)
                .purpose(purpose)
                .content("hello")
                .build();
    }

    @Test
    void evaluate_consequenceThatNeverReturns_deniesOnTheTimeBudget() {
        PolicyEngine engine = spinning();

        Decision d = assertTimeoutPreemptively(RETURNS, () -> engine.evaluate(request("spin")));

        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(d.ruleIds()).containsExactly(ReasonIds.LIMIT_TIME_BUDGET);
        assertThat(d.diagnostics()).isNotEmpty();
    }

    @Test
    void evaluate_afterAnOverrun_otherRequestsStillDecide() {
        PolicyEngine engine = spinning();
        assertTimeoutPreemptively(RETURNS, () -> engine.evaluate(request("spin")));

        Decision d = assertTimeoutPreemptively(RETURNS, () -> engine.evaluate(request("work")));

        assertThat(d.effect()).isEqualTo(Effect.ALLOW);
        assertThat(d.ruleIds()).containsExactly("a.allow");
    }

    @Test
    void health_repeatedOverruns_areCountedAndTheStuckThreadsReported() {
        PolicyEngine engine = spinning();
        assertThat(engine.health()).isEqualTo(new EngineHealth(0, 0));
        assertThat(engine.health().degraded()).isFalse();

        for (int i = 0; i < 3; i++) {
            assertTimeoutPreemptively(RETURNS, () -> engine.evaluate(request("spin")));
        }

        EngineHealth h = engine.health();
        assertThat(h.overruns()).isEqualTo(3);
        assertThat(h.stuckWorkers()).isPositive().isLessThanOrEqualTo(3);
        assertThat(h.degraded()).isTrue();
    }

    @Test
    void health_stuckRuleReturnsAfterAll_theThreadIsGivenBack() throws Exception {
        PolicyEngine engine = spinning();
        assertTimeoutPreemptively(RETURNS, () -> engine.evaluate(request("spin")));
        assertThat(engine.health().stuckWorkers()).isEqualTo(1);

        Spin.on = false;
        long until = System.nanoTime() + RETURNS.toNanos();
        while (engine.health().stuckWorkers() != 0 && System.nanoTime() < until) {
            Thread.sleep(10);
        }

        assertThat(engine.health()).isEqualTo(new EngineHealth(1, 0));
        assertThat(engine.evaluate(request("work")).effect()).isEqualTo(Effect.ALLOW);
    }

    @Test
    void evaluate_everyRuleThreadStuck_deniesWithoutWaiting() {
        PolicyEngine engine = spinning();
        // more spins than the engine may hold threads for: the later ones are refused
        int threads = 4 * Math.max(2, Runtime.getRuntime().availableProcessors());
        for (int i = 0; i < threads; i++) {
            assertTimeoutPreemptively(RETURNS, () -> engine.evaluate(request("spin")));
        }

        Decision d = assertTimeoutPreemptively(RETURNS, () -> engine.evaluate(request("work")));

        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(d.ruleIds()).containsExactly(ReasonIds.LIMIT_TIME_BUDGET);
        assertThat(d.diagnostics().get(0).message()).contains("every rule thread");
        assertThat(engine.health().overruns()).isEqualTo(threads + 1L);
    }

    @Test
    void evaluate_ruleThrowsAnError_deniesAsAnEvaluationError() {
        PolicyEngine engine = PolicyEngine.builder()
                .rulePack(TestPacks.unrestricted("""
                        rule "a.allow" when Context(purpose != "overflow") then verdict.allow(); end
                        rule "overflow" when Context(purpose == "overflow") then
                            if (verdict != null) { throw new StackOverflowError(); }
                        end
                        """))
                .scanner(ContentScanner.none())
                .limits(SHORT)
                .build();

        Decision d = engine.evaluate(request("overflow"));

        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(d.ruleIds()).containsExactly(ReasonIds.EVALUATION_ERROR);
        assertThat(engine.evaluate(request("work")).effect()).isEqualTo(Effect.ALLOW);
        assertThat(engine.health()).isEqualTo(new EngineHealth(0, 0));
    }

    @Test
    void build_warmUpNeverReturns_isACompilationError() {
        var builder = PolicyEngine.builder()
                .rulePack(TestPacks.unrestricted(Spin.rule("spin", "Data()")))
                .scanner(ContentScanner.none())
                .limits(SHORT);

        assertTimeoutPreemptively(
                RETURNS,
                () -> assertThatThrownBy(builder::build)
                        .isInstanceOf(RulePackCompilationException.class)
                        .hasMessageContaining("warm-up"));
    }
}
