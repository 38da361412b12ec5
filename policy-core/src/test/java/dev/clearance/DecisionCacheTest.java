package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionCacheTest {
    private static final String PURE = """
            rule "allow" when Data() Destination() then verdict.allow(); end
            rule "no-training" when Data(classification != Classification.PUBLIC) Destination(trainsOnData)
                then verdict.deny("trains"); end
            rule "engineering-only" when Data(classification == Classification.CONFIDENTIAL)
                User(!inGroup("engineering")) then verdict.deny("engineering only"); end
            """;

    private static PolicyEngine engine(String rules, int cache) {
        return PolicyEngine.builder()
                .rulePack(TestPacks.drl(rules))
                .scanner(ContentScanner.none())
                .decisionCache(cache)
                .build();
    }

    private static List<PolicyRequest> requests() {
        List<PolicyRequest> all = new ArrayList<>();
        for (Classification c : Classification.values()) {
            for (Tier t : new Tier[] {Tier.CONSUMER, Tier.API, Tier.LOCAL}) {
                for (String group : new String[] {"engineering", "sales"}) {
                    all.add(PolicyRequest.builder()
                            .destination(PolicyRequest.Destination.of("acme", t))
                            .classification(c)
                            .user("u-" + group, group)
                            .content("notes")
                            .build());
                }
            }
        }
        return all;
    }

    @Test
    void cachedEngine_givesTheSameDecisionsAsUncached_evenOnRepeats() {
        PolicyEngine cached = engine(PURE, 1000);
        PolicyEngine plain = engine(PURE, 0);
        assertThat(cached.cachesDecisions()).isTrue();
        assertThat(plain.cachesDecisions()).isFalse();

        for (int round = 0; round < 3; round++) {
            for (PolicyRequest r : requests()) {
                Decision a = cached.evaluate(r);
                Decision b = plain.evaluate(r);
                assertThat(a.effect()).as(r.toString()).isEqualTo(b.effect());
                assertThat(a.reasons()).isEqualTo(b.reasons());
                assertThat(a.decisionId()).isNotEqualTo(b.decisionId());
            }
        }
    }

    @Test
    void cachedEngine_eachHitGetsAFreshDecisionIdAndTheRequestId() {
        PolicyEngine cached = engine(PURE, 1000);
        PolicyRequest r = requests().get(0);

        Decision first = cached.evaluate(r.withId("one"));
        Decision second = cached.evaluate(r.withId("two"));

        assertThat(second.id()).isEqualTo("two");
        assertThat(second.decisionId()).isNotEqualTo(first.decisionId());
        assertThat(second.reasons()).isEqualTo(first.reasons());
    }

    @Test
    void impurePack_isNotCached(@TempDir Path dir) {
        // reading the clock takes unrestricted rule code: a signed pack under allowUnrestrictedCode()
        assertThat(PolicyEngine.builder()
                        .rulePack(TestPacks.unrestricted(
                                dir,
                                PURE
                                        + "rule \"clock\" when Data() then verdict.note(\"\" + System.currentTimeMillis());"
                                        + " end\n"))
                        .scanner(ContentScanner.none())
                        .decisionCache(1000)
                        .build()
                        .cachesDecisions())
                .isFalse();
        assertThat(engine(PURE + "rule \"ins\" when Data() then insert(new Context(\"x\")); end\n", 1000)
                        .cachesDecisions())
                .isFalse();
    }

    @Test
    void tinyCache_staysCorrectWhenItOverflows() {
        PolicyEngine cached = engine(PURE, 2);
        PolicyEngine plain = engine(PURE, 0);
        for (PolicyRequest r : requests()) {
            assertThat(cached.evaluate(r).effect()).isEqualTo(plain.evaluate(r).effect());
        }
    }
}
