package dev.clearance.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.pack.RulePack;
import org.junit.jupiter.api.Test;

class ProductBlindTest {
    private static RulePack pack(String when) {
        return RulePack.builder("p", "1").drl("rules.drl", """
                        package p;
                        import dev.clearance.facts.*;
                        global dev.clearance.facts.Verdict verdict;
                        // the provider's tools are never named here
                        rule "r" when %s then verdict.deny("the provider trains on it"); end
                        """.formatted(when)).build();
    }

    @Test
    void factsOnly_isBlind_namesInCommentsAndMessagesDoNotCount() {
        assertThat(DecisionCache.productBlind(pack("Destination( trainsOnData )")))
                .isTrue();
    }

    @Test
    void aProductOrProviderTest_orTheObjectItself_isNotBlind() {
        assertThat(DecisionCache.productBlind(pack("Destination( product == \"x\" )")))
                .isFalse();
        assertThat(DecisionCache.productBlind(pack("Destination( provider == \"x\" )")))
                .isFalse();
        assertThat(DecisionCache.productBlind(pack("$d : Destination( $d.toString() != \"\" )")))
                .isFalse();
        assertThat(DecisionCache.productBlind(RulePack.builder("d", "1")
                        .builtinDsl()
                        .file(dev.clearance.pack.RuleFile.of("r.dslr", "rule \"r\" when there is data then end"))
                        .build()))
                .isFalse();
    }
}
