package dev.clearance.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clearance.Classification;
import dev.clearance.Effect;
import dev.clearance.PolicyRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A DENY's remediation (opt-out path, approved alternatives) reaches the gateway's error message; no content. */
class DenyRemedyTest {
    @Test
    void denyToAToolThatTrains_namesTheOptOutAndAlternatives() throws Exception {
        Checker checker = new Checker(Fixture.ENGINE, 100, () -> 0L);
        ObjectNode body = (ObjectNode) Dialect.JSON.readTree(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Draft the Zanzibar plan.\"}]}");
        PolicyRequest template = PolicyRequest.builder()
                .product("openai:chatgpt-free")
                .classification(Classification.INTERNAL)
                .content("")
                .build();
        Checker.Outcome outcome = checker.check(
                Parts.of(body), template, Classification.INTERNAL, dev.clearance.Conversation.create(), "c1", "r1");
        assertThat(outcome.effect()).isEqualTo(Effect.DENY);
        assertThat(outcome.remedy())
                .startsWith("Opt out of training (")
                .contains("Data Controls")
                .contains("openai:")
                .doesNotContain("Zanzibar");
        // from the checked-message cache, the same
        Checker.Outcome again = checker.check(
                Parts.of(body), template, Classification.INTERNAL, dev.clearance.Conversation.create(), "c1", "r2");
        assertThat(again.remedy()).isEqualTo(outcome.remedy());
        assertThat(List.of(again.cached())).containsExactly(1);
    }
}
