package dev.clearance.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.Classification;
import dev.clearance.Finding;
import dev.clearance.PolicyRequest;
import dev.clearance.pack.RulePack;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionCacheKeyTest {
    private static final RulePack PACK =
            RulePack.builder("p", "1").drl("rules.drl", """
                    package p;
                    import dev.clearance.facts.*;
                    global dev.clearance.facts.Verdict verdict;
                    rule "r"
                    when
                        Finding( category == FindingCategory.SECRET )
                    then
                        verdict.deny("a secret");
                    end
                    """).build();

    private static final PolicyRequest REQUEST = PolicyRequest.builder()
            .product("openai:api")
            .classification(Classification.PUBLIC)
            .content("x")
            .build();

    private static DecisionCache.Key key(DecisionCache cache, List<Finding> findings, boolean immutable) {
        return cache.key(REQUEST, Classification.PUBLIC, "x", findings, immutable);
    }

    @Test
    void rememberedKeyParts_areThoseOfEachList_whateverListsShareAMemoSlot() {
        DecisionCache cache = DecisionCache.forPack(PACK, 100);
        assertThat(cache).isNotNull();
        List<List<Finding>> lists = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) { // more lists than memo slots: slots are shared and replaced
            lists.add(List.of(
                    i % 2 == 0
                            ? Finding.secret("rule-" + i, 0, 1, 0.9)
                            : Finding.pii("EMAIL_ADDRESS", "rule-" + i, 0, 1, 0.8, false)));
        }
        for (int round = 0; round < 2; round++) {
            for (List<Finding> list : lists) {
                DecisionCache.Key remembered = key(cache, list, true);
                assertThat(remembered).isEqualTo(key(cache, new ArrayList<>(list), false));
                assertThat(remembered.hashCode())
                        .isEqualTo(key(cache, new ArrayList<>(list), false).hashCode());
            }
        }
        assertThat(key(cache, lists.get(0), true)).isNotEqualTo(key(cache, lists.get(1), true));
        assertThat(key(cache, lists.get(0), true)).isNotEqualTo(key(cache, lists.get(2), true));
    }

    @Test
    void aMutableList_isKeyedByItsContentEachTime() {
        DecisionCache cache = DecisionCache.forPack(PACK, 100);
        List<Finding> list = new ArrayList<>(List.of(Finding.secret("a", 0, 1, 0.9)));
        DecisionCache.Key before = key(cache, list, false);
        list.set(0, Finding.secret("b", 0, 1, 0.9));
        assertThat(key(cache, list, false)).isNotEqualTo(before);
    }
}
