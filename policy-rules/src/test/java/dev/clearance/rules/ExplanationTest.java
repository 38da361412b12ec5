package dev.clearance.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.Classification;
import dev.clearance.Decision;
import dev.clearance.Effect;
import dev.clearance.Explanation;
import dev.clearance.Explanation.Change;
import dev.clearance.Explanation.Counterfactual;
import dev.clearance.PolicyEngine;
import dev.clearance.PolicyRequest;
import dev.clearance.Reason;
import java.util.List;
import java.util.Objects;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * {@link PolicyEngine#explain(PolicyRequest)} on the default pack: the rules that acted, the facts, and
 * counterfactuals that really give the effect they promise.
 */
class ExplanationTest {
    private static final PolicyEngine ENGINE =
            PolicyEngine.builder().rulePack(DefaultRulePack.v1()).build();

    /** Written for this test: an AWS access key id of the documented shape (AKIA + 16 base-32 characters). */
    private static final String AWS_KEY = "aws_access_key_id = AKIAQ3ZT7WX2LMB6RVNP";

    private static Explanation explain(PolicyRequest r) {
        return ENGINE.explain(r).explain().orElseThrow();
    }

    @Test
    void evaluate_hasNoExplanation_explainHasOne() {
        PolicyRequest r = PolicyRequest.builder()
                .product("openai:chatgpt-free")
                .classification(Classification.INTERNAL)
                .build();
        assertThat(ENGINE.evaluate(r).explain()).isEmpty();
        Decision d = ENGINE.explain(r);
        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(d.explain()).isPresent();
        assertThat(d.explain().get().effect()).isEqualTo(Effect.DENY);
    }

    @Test
    void internalToAConsumerToolThatTrains_suggestsTheOptOutPathAndApprovedProducts() {
        Explanation e = explain(PolicyRequest.builder()
                .product("openai:chatgpt-free")
                .classification(Classification.INTERNAL)
                .content("Summarise the quarterly plan for the team.")
                .build());

        assertThat(e.facts().product()).isEqualTo("openai:chatgpt-free");
        assertThat(e.facts().trainsOnData()).isTrue();
        assertThat(e.matches()).anyMatch(m -> m.ruleId().equals("classification.internal-no-training") && m.decided());
        Counterfactual optOut = e.counterfactuals().stream()
                .filter(c -> c.change() == Change.TRAINING_OPT_OUT)
                .findFirst()
                .orElseThrow();
        assertThat(optOut.effect()).isEqualTo(Effect.ALLOW);
        assertThat(optOut.description()).isEqualTo("DENY → ALLOW if the account had opted out of training");
        assertThat(optOut.hint()).contains("Settings › Data Controls");
        List<Counterfactual> destinations = e.counterfactuals().stream()
                .filter(c -> c.change() == Change.DESTINATION)
                .toList();
        assertThat(destinations).isNotEmpty().allMatch(c -> c.effect() == Effect.ALLOW);
        // the same provider's approved products come first
        assertThat(destinations.get(0).target()).startsWith("openai:");
        assertThat(destinations).extracting(Counterfactual::target).contains("openai:chatgpt-enterprise");
    }

    @Test
    void aCredential_redacted_removingItAllows_andTheOverriddenAllowIsListed() {
        Explanation e = explain(PolicyRequest.builder()
                .product("openai:chatgpt-enterprise")
                .classification(Classification.INTERNAL)
                .content("Deploy with " + AWS_KEY + " tonight.")
                .build());

        assertThat(e.effect()).isEqualTo(Effect.REDACT);
        assertThat(e.facts().findings()).containsKey("SECRET:aws-access-token");
        assertThat(e.matches())
                .anyMatch(m -> m.ruleId().equals("secret.redact")
                        && m.decided()
                        && "SECRET:aws-access-token".equals(m.findingType()));
        assertThat(e.matches()).anyMatch(m -> m.effect() == Effect.ALLOW && !m.decided());
        assertThat(e.counterfactuals())
                .anyMatch(c -> c.change() == Change.REMOVE_FINDINGS
                        && "SECRET:aws-access-token".equals(c.target())
                        && c.effect() == Effect.ALLOW
                        && c.description().equals("REDACT → ALLOW if the SECRET:aws-access-token finding were absent"));
        assertThat(e.toString()).doesNotContain("AKIAQ3ZT7WX2LMB6RVNP");
    }

    @Test
    void allow_hasNoCounterfactuals() {
        Explanation e = explain(PolicyRequest.builder()
                .product("local:ollama")
                .classification(Classification.CONFIDENTIAL)
                .build());
        assertThat(e.effect()).isEqualTo(Effect.ALLOW);
        assertThat(e.counterfactuals()).isEmpty();
    }

    @Test
    void aLimitDeny_suggestsNoChangeOfFacts() {
        PolicyEngine small = PolicyEngine.builder()
                .rulePack(DefaultRulePack.v1())
                .limits(dev.clearance.EvaluationLimits.builder()
                        .maxContentChars(10)
                        .build())
                .build();
        Decision d = small.explain(PolicyRequest.builder()
                .product("openai:chatgpt-free")
                .content("far more than ten characters")
                .build());
        assertThat(d.ruleIds()).contains("limit.maxContentChars");
        assertThat(d.explain().orElseThrow().counterfactuals()).isEmpty();
    }

    /** Applying any reported counterfactual and deciding again (normal path, cache on) gives the stated effect. */
    @Property(tries = 250)
    void counterfactuals_deliverTheirEffect(@ForAll("requests") PolicyRequest r) {
        Decision d = ENGINE.explain(r);
        Explanation e = d.explain().orElseThrow();
        assertThat(e.effect()).isEqualTo(d.effect());
        for (Counterfactual c : e.counterfactuals()) {
            assertThat(Explanation.permissiveness(c.effect())).isGreaterThan(Explanation.permissiveness(d.effect()));
            assertThat(ENGINE.evaluate(c.applyTo(r)).effect())
                    .as(c.description())
                    .isEqualTo(c.effect());
        }
        // the decided matches are exactly the deciding reasons
        for (Reason reason : d.reasons()) {
            if (reason.effect() != null) {
                assertThat(e.matches()).anyMatch(m -> m.decided() && m.ruleId().equals(reason.ruleId()));
            }
        }
        assertThat(e.matches()).filteredOn(Explanation.Match::decided).allMatch(m -> m.effect() == d.effect());
    }

    /** No finding's matched text appears anywhere in the explanation. */
    @Property(tries = 250)
    void explanation_holdsNoMatchedValue(@ForAll("requests") PolicyRequest r) {
        Explanation e = explain(r);
        String text = e.toString();
        String content = Objects.requireNonNullElse(r.data().content(), "");
        ENGINE.scan(content).stream()
                .filter(f -> f.length() >= 6)
                .forEach(f -> assertThat(text).doesNotContain(content.substring(f.start(), f.end())));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<PolicyRequest> requests() {
        return new DecisionPropertiesTest().requests();
    }
}
