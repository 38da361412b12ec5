package dev.clearance.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.Classification;
import dev.clearance.Decision;
import dev.clearance.Effect;
import dev.clearance.PolicyEngine;
import dev.clearance.PolicyRequest;
import dev.clearance.rules.DefaultRulePack;
import org.junit.jupiter.api.Test;

/** The README and docs/quickstart.md quote the tagged region verbatim; {@link SnippetsTest} checks that. */
class QuickstartTest {

    @Test
    void quickstart_internalNotesToConsumerChatGpt_areDenied() {
        // tag::quickstart[]
        PolicyEngine engine = PolicyEngine.builder()
                .rulePack(DefaultRulePack.v1()) // compiles the rules once; throws on errors
                .build(); // immutable, thread-safe: share it

        Decision decision = engine.evaluate(PolicyRequest.builder()
                .product("openai:chatgpt-free") // a catalog product; opt-out state unknown
                .classification(Classification.INTERNAL)
                .content("Summarize our sprint notes: the migration slipped two weeks.")
                .build());

        if (!decision.permitsSending()) {
            System.out.println("Blocked by " + decision.ruleIds());
        }
        // end::quickstart[]

        assertThat(decision.effect()).isEqualTo(Effect.DENY);
        assertThat(decision.ruleIds()).containsExactly("classification.internal-no-training");
    }

    @Test
    void quickstart_optedOutAccount_isAllowed() {
        PolicyEngine engine =
                PolicyEngine.builder().rulePack(DefaultRulePack.v1()).build();

        // tag::opt-out[]
        Decision decision = engine.evaluate(PolicyRequest.builder()
                .destination(PolicyRequest.Destination.product("openai:chatgpt-plus")
                        .withTrainingOptOut(true)) // "Improve the model for everyone" is off
                .classification(Classification.INTERNAL)
                .content("Summarize our sprint notes: the migration slipped two weeks.")
                .build());
        // decision.effect() == Effect.ALLOW
        // end::opt-out[]

        assertThat(decision.effect()).isEqualTo(Effect.ALLOW);
    }
}
