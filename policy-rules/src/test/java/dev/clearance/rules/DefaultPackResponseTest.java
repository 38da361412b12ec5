package dev.clearance.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.Classification;
import dev.clearance.Conversation;
import dev.clearance.Decision;
import dev.clearance.Direction;
import dev.clearance.Effect;
import dev.clearance.PolicyEngine;
import dev.clearance.PolicyRequest;
import dev.clearance.ResponseGuard;
import org.junit.jupiter.api.Test;

/** The default pack v1 on model output: unchanged files, secrets redacted in both directions. */
class DefaultPackResponseTest {
    private static final PolicyEngine ENGINE =
            PolicyEngine.builder().rulePack(DefaultRulePack.v1()).build();

    /** AKIA + 16 base-32 characters: the documented shape of an AWS access key id. */
    private static final String KEY = "AKIA" + "Z7QW3RT5YH2KLXMN";

    private static PolicyRequest sent(String product, Classification c, String content) {
        return PolicyRequest.builder()
                .product(product)
                .classification(c)
                .content(content)
                .build();
    }

    @Test
    void secretInModelOutput_isRedactedBySecretRedact_evenFromALocalModel() {
        for (String product : new String[] {"openai:api", "local:ollama", "anthropic:claude-enterprise"}) {
            Decision d = ENGINE.evaluate(
                    sent(product, Classification.INTERNAL, "the key is " + KEY).withDirection(Direction.RESPONSE));

            assertThat(d.effect()).as(product).isEqualTo(Effect.REDACT);
            assertThat(d.ruleIds()).as(product).contains("secret.redact");
            assertThat(d.content()).as(product).isEqualTo("the key is [SECRET_1]");
        }
    }

    @Test
    void responseDecisions_equalRequestDecisions_forFindingFreeContent() {
        for (String product : new String[] {"openai:api", "openai:chatgpt-free", "local:ollama", "nowhere:x"}) {
            for (Classification c : Classification.values()) {
                PolicyRequest r = sent(product, c, "the migration slipped two weeks");
                assertThat(ENGINE.evaluate(r.withDirection(Direction.RESPONSE)).effect())
                        .as(product + " " + c)
                        .isEqualTo(ENGINE.evaluate(r).effect());
            }
        }
    }

    @Test
    void guard_modelEchoingASecret_userSeesItRedacted() {
        Conversation chat = Conversation.create();
        PolicyRequest sent = sent("openai:api", Classification.INTERNAL, "write to rosa@northwind.example");
        ENGINE.evaluate(sent, chat);

        String shown = ResponseGuard.of(ENGINE).check(sent, chat, "Mailing [EMAIL_ADDRESS_1] with " + KEY + ".");

        assertThat(shown).doesNotContain(KEY).contains("[SECRET_1]");
    }
}
