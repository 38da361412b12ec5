package dev.clearance.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.Classification;
import dev.clearance.Effect;
import dev.clearance.PolicyEngine;
import dev.clearance.Tier;
import dev.clearance.authoring.PackAnalysis;
import dev.clearance.authoring.SituationOutcome;
import org.junit.jupiter.api.Test;

/** The default pack over the whole enumerated domain. */
class DefaultPackAnalysisTest {
    private static final PackAnalysis ANALYSIS = PackAnalysis.of(
            PolicyEngine.builder().rulePack(DefaultRulePack.v1()).build());

    @Test
    void defaultPack_hasNoDefaultDenyNeverFiringOrOverriddenRules() {
        assertThat(ANALYSIS.diagnostics()).isEmpty();
        assertThat(ANALYSIS.outcomes()).hasSize(6272);
    }

    @Test
    void defaultPack_anyDenyReason_meansTheEffectIsNotAllow() {
        assertThat(ANALYSIS.outcomes()).allSatisfy(o -> {
            if (o.effect() == Effect.ALLOW) {
                assertThat(o.ruleIds())
                        .doesNotContain(
                                "classification.restricted-local-only",
                                "classification.confidential-no-retention",
                                "classification.internal-no-training",
                                "destination.unknown",
                                "default-deny");
            }
        });
    }

    @Test
    void defaultPack_secretsAreNeverAllowedThrough() {
        assertThat(ANALYSIS.outcomes())
                .filteredOn(
                        o -> o.situation().findings().contains(dev.clearance.authoring.Situation.FindingKind.SECRET))
                .allSatisfy(o -> assertThat(o.effect()).isIn(Effect.DENY, Effect.REDACT));
    }

    @Test
    void defaultPack_restrictedLeavesOnlyForLocal() {
        assertThat(ANALYSIS.outcomes())
                .filteredOn(o -> o.situation().classification() == Classification.RESTRICTED
                        && o.situation().tier() != Tier.LOCAL)
                .extracting(SituationOutcome::effect)
                .containsOnly(Effect.DENY);
    }
}
