package dev.clearance.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.Classification;
import dev.clearance.PolicyEngine;
import dev.clearance.PolicyRequest;
import dev.clearance.rules.DefaultRulePack;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The health indicator and the meters, with and without Actuator and Micrometer on the classpath. */
class ClearanceActuatorAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    ClearanceAutoConfiguration.class,
                    ClearanceHealthAutoConfiguration.class,
                    ClearanceMetricsAutoConfiguration.class));

    private static final PolicyRequest EMAIL = PolicyRequest.builder()
            .product("openai:api")
            .classification(Classification.INTERNAL)
            .content(ClearanceAutoConfigurationTest.EMAIL_TEXT)
            .build();

    @Test
    void health_withActuator_reportsThePackAndTheLastReload(@TempDir Path dir) throws Exception {
        runner.run(context -> {
            assertThat(context).hasSingleBean(ClearanceHealthIndicator.class);
            Health h = context.getBean(ClearanceHealthIndicator.class).health();
            assertThat(h.getStatus()).isEqualTo(Status.UP);
            assertThat(h.getDetails())
                    .containsEntry("packId", DefaultRulePack.v1().id())
                    .containsEntry("packVersion", DefaultRulePack.v1().version())
                    .containsEntry("stuckWorkers", 0)
                    .doesNotContainKey("lastReload");
        });
        Path pack = ClearanceAutoConfigurationTest.strictPack(dir);
        runner.withPropertyValues("clearance.pack.location=" + pack, "clearance.reload.enabled=true")
                .run(context -> {
                    dev.clearance.ReloadingPolicyEngine engine =
                            context.getBean(dev.clearance.ReloadingPolicyEngine.class);
                    java.nio.file.Files.writeString(pack.resolve("strict.drl"), "rule \"broken\" when then x(; end\n");
                    engine.reload(pack);
                    Health h = context.getBean(ClearanceHealthIndicator.class).health();
                    assertThat(h.getStatus()).as("the last good pack serves").isEqualTo(Status.UP);
                    assertThat(h.getDetails()).containsEntry("packId", "strict-example");
                    assertThat((String) h.getDetails().get("lastReload")).contains("rejected");
                    assertThat((String) h.getDetails().get("lastReloadError"))
                            .contains("rejected")
                            .contains("problem(s)");
                });
    }

    @Test
    void health_withoutActuator_noIndicator_engineStillConfigured() {
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class)).run(context -> {
            assertThat(context).doesNotHaveBean(ClearanceHealthIndicator.class);
            assertThat(context).hasSingleBean(PolicyEngine.class);
        });
    }

    @Test
    void health_userIndicatorWins() {
        ClearanceHealthIndicator mine = new ClearanceHealthIndicator(
                PolicyEngine.builder().rulePack(DefaultRulePack.v1()).build(), null);
        runner.withBean("clearanceHealthIndicator", ClearanceHealthIndicator.class, () -> mine)
                .run(context -> assertThat(context.getBean(ClearanceHealthIndicator.class))
                        .isSameAs(mine));
    }

    @Test
    void meters_withARegistry_countDecisionsRulesFindingsAndTimeThem() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            assertThat(context).hasSingleBean(ClearanceMeters.class);
            PolicyEngine engine = context.getBean(PolicyEngine.class);
            engine.evaluate(EMAIL);
            engine.evaluate(EMAIL);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get(ClearanceMeters.DECISIONS)
                            .tag("effect", "REDACT")
                            .counter()
                            .count())
                    .isEqualTo(2.0);
            assertThat(registry.get(ClearanceMeters.DECISION_RULES)
                            .tag("effect", "REDACT")
                            .tag("rule", "pii.redact-when-retained")
                            .counter()
                            .count())
                    .isEqualTo(2.0);
            assertThat(registry.get(ClearanceMeters.FINDINGS)
                            .tag("type", "EMAIL_ADDRESS")
                            .counter()
                            .count())
                    .isEqualTo(2.0);
            assertThat(registry.get(ClearanceMeters.LATENCY).timer().count()).isEqualTo(2L);
            assertThat(registry.getMeters())
                    .allSatisfy(m -> assertThat(m.getId().toString()).doesNotContain("jane.doe"));
        });
    }

    @Test
    void meters_withoutMicrometerOrWithoutRegistry_none() {
        runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run(context -> {
            assertThat(context).doesNotHaveBean(ClearanceMeters.class);
            assertThat(context.getBean(PolicyEngine.class).evaluate(EMAIL).effect())
                    .isEqualTo(dev.clearance.Effect.REDACT);
        });
        runner.run(context -> assertThat(context).doesNotHaveBean(ClearanceMeters.class));
    }

    @Test
    void meters_userBeanWins() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ClearanceMeters mine = new ClearanceMeters(registry);
        runner.withBean(MeterRegistry.class, () -> registry)
                .withBean(ClearanceMeters.class, () -> mine)
                .run(context ->
                        assertThat(context.getBean(ClearanceMeters.class)).isSameAs(mine));
    }
}
