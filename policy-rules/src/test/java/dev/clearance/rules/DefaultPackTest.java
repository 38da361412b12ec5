package dev.clearance.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.Classification;
import dev.clearance.Decision;
import dev.clearance.PolicyEngine;
import dev.clearance.PolicyRequest;
import dev.clearance.Tier;
import dev.clearance.catalog.Product;
import org.junit.jupiter.api.Test;

class DefaultPackTest {
    private static final PolicyEngine CACHED =
            PolicyEngine.builder().rulePack(DefaultRulePack.v1()).build();
    private static final PolicyEngine UNCACHED = PolicyEngine.builder()
            .rulePack(DefaultRulePack.v1())
            .decisionCache(0)
            .build();

    @Test
    void v1_hasTheStableRuleIds() {
        assertThat(CACHED.ruleIds())
                .contains(
                        "classification.restricted-local-only",
                        "classification.confidential-no-retention",
                        "classification.internal-no-training",
                        "destination.unknown",
                        "secret.redact",
                        "pii.high-risk.redact",
                        "pii.redact-when-retained",
                        "custom.classify",
                        "classification.allow");
        assertThat(CACHED.packId()).isEqualTo("clearance-default");
        assertThat(CACHED.packVersion()).isEqualTo("1");
    }

    @Test
    void v1_isPure_soFindingFreeDecisionsAreMemoized() {
        assertThat(CACHED.cachesDecisions()).isTrue();
    }

    @Test
    void v1_cachedAndUncached_agreeOnEveryProductClassificationAndAccountState() {
        Boolean[] states = {null, true, false};
        int compared = 0;
        for (Product p : DefaultRulePack.catalog().products()) {
            for (Classification c : Classification.values()) {
                for (Boolean optOut : states) {
                    for (Boolean zdr : states) {
                        PolicyRequest r = PolicyRequest.builder()
                                .destination(PolicyRequest.Destination.product(p.id())
                                        .withTrainingOptOut(optOut)
                                        .withZeroDataRetention(zdr))
                                .classification(c)
                                .build();
                        for (int repeat = 0; repeat < 2; repeat++) {
                            Decision a = CACHED.evaluate(r);
                            Decision b = UNCACHED.evaluate(r);
                            assertThat(a.effect()).as(p.id() + " " + c).isEqualTo(b.effect());
                            assertThat(a.ruleIds()).isEqualTo(b.ruleIds());
                            compared++;
                        }
                    }
                }
            }
        }
        assertThat(compared).isEqualTo(DefaultRulePack.catalog().size() * 4 * 9 * 2);
    }

    @Test
    void catalog_everyProductHasSourceDateAndNoUnknownTier() {
        assertThat(DefaultRulePack.catalog().size()).isGreaterThanOrEqualTo(31);
        for (Product p : DefaultRulePack.catalog().products()) {
            assertThat(p.source()).as(p.id()).isNotBlank();
            assertThat(p.checked()).as(p.id()).matches("\\d{4}-\\d{2}-\\d{2}");
            assertThat(p.tier()).isNotEqualTo(Tier.UNKNOWN);
            if (p.tier() == Tier.ENTERPRISE || p.tier() == Tier.LOCAL) {
                assertThat(p.trainsByDefault()).as(p.id()).isFalse();
            }
        }
    }
}
