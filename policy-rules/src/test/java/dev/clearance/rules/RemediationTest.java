package dev.clearance.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.Classification;
import dev.clearance.Decision;
import dev.clearance.Effect;
import dev.clearance.PolicyEngine;
import dev.clearance.PolicyJson;
import dev.clearance.PolicyRequest;
import dev.clearance.Reason;
import dev.clearance.Remediation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The default pack's DENY reasons carry a remediation from the catalog: the product's opt-out path when the
 * account trains on the data, and the catalog products that would take the request; each really gives the effect
 * it promises, and none quotes content.
 */
class RemediationTest {
    private static final PolicyEngine ENGINE =
            PolicyEngine.builder().rulePack(DefaultRulePack.v1()).build();

    private static PolicyRequest internalToChatGptFree(String content) {
        PolicyRequest.Builder b =
                PolicyRequest.builder().product("openai:chatgpt-free").classification(Classification.INTERNAL);
        return content == null ? b.build() : b.content(content).build();
    }

    private static Remediation remediationOf(Decision d) {
        List<Remediation> all = d.reasons().stream()
                .filter(r -> r.effect() == Effect.DENY)
                .map(Reason::remediation)
                .toList();
        assertThat(all).isNotEmpty().doesNotContainNull();
        assertThat(all).allSatisfy(r -> assertThat(r).isEqualTo(all.get(0)));
        return all.get(0);
    }

    @Test
    void internalToAToolThatTrains_optOutPathAndAlternatives_eachReallyAllows() {
        PolicyRequest request = internalToChatGptFree(null);
        Decision d = ENGINE.evaluate(request);
        assertThat(d.effect()).isEqualTo(Effect.DENY);
        Remediation m = remediationOf(d);
        assertThat(m.product()).isEqualTo("openai:chatgpt-free");
        assertThat(m.optOut()).contains("Data Controls");
        assertThat(m.alternatives()).isNotEmpty().hasSizeLessThanOrEqualTo(6);
        // the same provider's products first
        assertThat(m.alternatives().get(0).product()).startsWith("openai:");
        assertThat(m.hint())
                .startsWith("Opt out of training (")
                .contains(m.alternatives().get(0).product());

        // the promise holds: opting out, or each alternative, gives the effect it names
        Decision optedOut = ENGINE.evaluate(PolicyRequest.builder()
                .destination(request.destination().withTrainingOptOut(true))
                .classification(Classification.INTERNAL)
                .build());
        assertThat(optedOut.effect()).isNotEqualTo(Effect.DENY);
        for (Remediation.Alternative a : m.alternatives()) {
            Decision there = ENGINE.evaluate(PolicyRequest.builder()
                    .product(a.product())
                    .classification(Classification.INTERNAL)
                    .build());
            assertThat(there.effect()).as(a.product()).isEqualTo(a.effect());
        }
    }

    @Test
    void cachedDecision_keepsItsRemediation_andAnotherProductGetsItsOwn() {
        Remediation first = remediationOf(ENGINE.evaluate(internalToChatGptFree(null)));
        Remediation again = remediationOf(ENGINE.evaluate(internalToChatGptFree(null)));
        assertThat(again).isEqualTo(first);
        Decision other = ENGINE.evaluate(PolicyRequest.builder()
                .product("google:gemini-app")
                .classification(Classification.INTERNAL)
                .build());
        assertThat(other.effect()).isEqualTo(Effect.DENY);
        assertThat(remediationOf(other).product()).isEqualTo("google:gemini-app");
        assertThat(remediationOf(other)).isNotEqualTo(first);
    }

    @Test
    void allow_hasNoRemediation_andJsonCarriesIt_withoutContent() {
        Decision allowed = ENGINE.evaluate(PolicyRequest.builder()
                .product("openai:api")
                .classification(Classification.PUBLIC)
                .build());
        assertThat(allowed.effect()).isEqualTo(Effect.ALLOW);
        assertThat(allowed.reasons())
                .allSatisfy(r -> assertThat(r.remediation()).isNull());

        String content = "Plan for the Zanzibar launch: budget review on Thursday.";
        Decision denied = ENGINE.evaluate(internalToChatGptFree(content));
        assertThat(denied.effect()).isEqualTo(Effect.DENY);
        Remediation m = remediationOf(denied);
        String json = PolicyJson.write(denied);
        assertThat(json).contains("\"remediation\":{").contains("\"optOut\":").contains("\"hint\":");
        assertThat(m.toString() + m.hint()).doesNotContain("Zanzibar");
        assertThat(json).doesNotContain("Zanzibar");
    }

    @Test
    void aPackThatNamesProducts_isProbedProductByProduct() {
        PolicyEngine engine = PolicyEngine.builder()
                .rulePack(dev.clearance.pack.RulePack.builder("named", "1")
                        .drl("rules.drl", """
                                package named;
                                import dev.clearance.*;
                                import dev.clearance.facts.*;
                                global dev.clearance.facts.Verdict verdict;
                                rule "only-the-api" when Destination( product == "openai:api" ) then
                                    verdict.allow("the approved API");
                                end
                                rule "deny-elsewhere" when Destination( product != "openai:api" ) then
                                    verdict.deny("not approved");
                                end
                                """)
                        .build())
                .catalog(DefaultRulePack.catalog())
                .build();
        Decision d = engine.evaluate(PolicyRequest.builder()
                .product("openai:chatgpt-free")
                .classification(Classification.INTERNAL)
                .build());
        Remediation m = remediationOf(d);
        assertThat(m.optOut()).isNull();
        assertThat(m.alternatives())
                .extracting(Remediation.Alternative::product)
                .containsExactly("openai:api");
        assertThat(m.hint()).isEqualTo("Use OpenAI API (openai:api) instead.");
    }

    @Test
    void remediationOff_denyReasonsCarryNone() {
        PolicyEngine off = PolicyEngine.builder()
                .rulePack(DefaultRulePack.v1())
                .remediation(false)
                .build();
        Decision d = off.evaluate(internalToChatGptFree(null));
        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(d.reasons()).allSatisfy(r -> assertThat(r.remediation()).isNull());
        assertThat(PolicyJson.write(d)).doesNotContain("remediation");
    }
}
