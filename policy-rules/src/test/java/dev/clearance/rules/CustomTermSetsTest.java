package dev.clearance.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.Classification;
import dev.clearance.Decision;
import dev.clearance.Effect;
import dev.clearance.PolicyEngine;
import dev.clearance.PolicyRequest;
import dev.clearance.TermSet;
import dev.clearance.pack.RulePack;
import java.util.List;
import org.junit.jupiter.api.Test;

/** custom.classify and custom.redact of the default pack, with an organization's dictionaries. */
class CustomTermSetsTest {
    private static final PolicyEngine ENGINE;

    static {
        RulePack.Builder b = RulePack.builder("default-with-terms", "1").catalog(DefaultRulePack.catalog());
        DefaultRulePack.v1().files().forEach(b::file);
        b.termSet(TermSet.classifying("codenames", Classification.CONFIDENTIAL, List.of("Nightjar", "Blue Heron")));
        b.termSet(new TermSet("customers", null, true, List.of("Globex Corporation"), List.of()));
        ENGINE = PolicyEngine.builder().rulePack(b.build()).build();
    }

    private static Decision decide(String product, Classification c, String content) {
        return ENGINE.evaluate(PolicyRequest.builder()
                .product(product)
                .classification(c)
                .content(content)
                .build());
    }

    @Test
    void codeName_raisesInternalToConfidential_soAnApiWithoutZdrDenies() {
        Decision d = decide("openai:api", Classification.INTERNAL, "Status of project nightjar for the board.");

        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(d.ruleIds()).contains("classification.confidential-no-retention", "custom.classify");
        assertThat(d.reasons())
                .filteredOn(r -> r.ruleId().equals("custom.classify"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.effect()).isNull();
                    assertThat(r.message())
                            .contains("CUSTOM:codenames")
                            .contains("INTERNAL")
                            .contains("CONFIDENTIAL")
                            .doesNotContainIgnoringCase("nightjar");
                });
    }

    @Test
    void codeName_onAnEnterprisePlan_isAllowedAtItsRaisedClassification() {
        Decision d = decide("openai:chatgpt-enterprise", Classification.PUBLIC, "Blue Heron launch plan");

        assertThat(d.effect()).isEqualTo(Effect.ALLOW);
        assertThat(d.ruleIds()).contains("classification.allow", "custom.classify");
    }

    @Test
    void codeName_insideAnotherWord_doesNotMatch() {
        Decision d = decide("openai:api", Classification.INTERNAL, "The nightjars were singing.");

        assertThat(d.effect()).isEqualTo(Effect.ALLOW);
        assertThat(d.ruleIds()).doesNotContain("custom.classify");
    }

    @Test
    void redactingSet_isRedactedEvenOnALocalModel() {
        Decision d = decide("local:ollama", Classification.INTERNAL, "Renewal terms for Globex Corporation.");

        assertThat(d.effect()).isEqualTo(Effect.REDACT);
        assertThat(d.ruleIds()).containsExactly("custom.redact");
        assertThat(d.content()).isEqualTo("Renewal terms for [CUSTOM:customers_1].");
        assertThat(d.restore(d.content())).isEqualTo("Renewal terms for Globex Corporation.");
    }
}
