package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decision cache for requests with findings, and the findings cache for texts seen before. */
class CachesWithFindingsTest {
    /** Written one condition per line so that {@code end} closes each rule on its own line. */
    private static final String PACK = """
            rule "allow"
            when
                Data()
            then
                verdict.allow();
            end

            rule "secrets.deny"
            when
                Finding(category == FindingCategory.SECRET)
            then
                verdict.deny("a credential");
            end

            rule "pii.redact"
            when
                $f : Finding(category == FindingCategory.PII)
                Destination(tier == Tier.CONSUMER)
            then
                verdict.redact($f);
            end
            """;

    private static final String ROSA = "rosa.marquez@example.org";
    private static final String BOB = "bob.tanaka@example.net";

    private static PolicyEngine engine(String rules, int decisionCache) {
        return PolicyEngine.builder()
                .rulePack(TestPacks.drl(rules))
                .scanner(ContentScanner.defaults())
                .decisionCache(decisionCache)
                .build();
    }

    private static PolicyRequest request(String text, Tier tier) {
        return PolicyRequest.builder()
                .destination(PolicyRequest.Destination.of("acme", tier))
                .classification(Classification.INTERNAL)
                .content(text)
                .build();
    }

    /** A detector that finds nothing and records every text it is given. */
    private static dev.clearance.spi.Detector recording(List<String> scanned) {
        return new dev.clearance.spi.Detector() {
            @Override
            public String id() {
                return "recording";
            }

            @Override
            public void detect(String text, java.util.function.Consumer<Finding> sink) {
                scanned.add(text);
            }
        };
    }

    private static List<String> texts() {
        return List.of(
                "write to " + ROSA + " today",
                "write to " + BOB + " and " + ROSA,
                "the same words, no data in them",
                "mail " + BOB + ", then " + BOB + " again",
                "key AKIA" + "Z3MQ4TRKW7PLX2VN in the config");
    }

    @Test
    void withFindings_cachedDecisionsEqualUncachedOnes_andRedactTheRequestsOwnText() {
        PolicyEngine cached = engine(PACK, 1000);
        PolicyEngine plain = engine(PACK, 0);
        for (int round = 0; round < 3; round++) {
            for (String text : texts()) {
                for (Tier tier : new Tier[] {Tier.CONSUMER, Tier.API}) {
                    PolicyRequest r = request(text, tier);
                    Decision a = cached.evaluate(r);
                    Decision b = plain.evaluate(r);
                    assertThat(a.effect()).isEqualTo(b.effect());
                    assertThat(a.reasons()).isEqualTo(b.reasons());
                    assertThat(a.redactedContent()).isEqualTo(b.redactedContent());
                    assertThat(a.redactions()).isEqualTo(b.redactions());
                }
            }
        }
        // the two one-address texts share a key (one EMAIL_ADDRESS finding) but keep their own redaction
        Decision rosa = cached.evaluate(request("to " + ROSA, Tier.CONSUMER));
        Decision bob = cached.evaluate(request("to " + BOB, Tier.CONSUMER));
        assertThat(rosa.redactedContent().orElseThrow()).doesNotContain(ROSA).startsWith("to ");
        assertThat(bob.redactedContent().orElseThrow()).doesNotContain(BOB).startsWith("to ");
        assertThat(cached.cacheStats().decisionHits()).isGreaterThan(0);
        assertThat(plain.cacheStats().decisionHits()).isZero();
    }

    @Test
    void aHitKeepsTheConversationsPlaceholders() {
        PolicyEngine cached = engine(PACK, 1000);
        Conversation conversation = Conversation.builder().build();
        Decision first = cached.evaluate(request("to " + ROSA, Tier.CONSUMER), conversation);
        Decision second = cached.evaluate(request("again " + BOB, Tier.CONSUMER), conversation);
        Decision third = cached.evaluate(request("and " + ROSA, Tier.CONSUMER), conversation);

        String rosa = first.redactedContent().orElseThrow().substring("to ".length());
        String bob = second.redactedContent().orElseThrow().substring("again ".length());
        assertThat(rosa).isNotEqualTo(bob).doesNotContain("@");
        assertThat(third.redactedContent()).contains("and " + rosa);
        assertThat(cached.cacheStats().decisionHits()).isEqualTo(2);
    }

    @Test
    void aPackThatCouldReadSpans_doesNotCacheDecisionsWithFindings() {
        String spans = PACK + """

                rule "long.deny"
                when
                    Finding(length > 40)
                then
                    verdict.deny("long");
                end
                """;
        PolicyEngine cached = engine(spans, 1000);
        assertThat(cached.cachesDecisions()).isTrue();
        for (int i = 0; i < 3; i++) {
            cached.evaluate(request("to " + ROSA, Tier.CONSUMER));
        }
        assertThat(cached.cacheStats().decisionHits()).isZero();
        cached.evaluate(request("nothing to find", Tier.CONSUMER));
        cached.evaluate(request("nothing to find", Tier.CONSUMER));
        assertThat(cached.cacheStats().decisionHits()).isEqualTo(1);
        // rules written on one line each: "end" shares its line, so findings are not keyed either
        PolicyEngine oneLine = engine("rule \"allow\" when Data() then verdict.allow(); end\n", 1000);
        oneLine.evaluate(request("to " + ROSA, Tier.CONSUMER));
        oneLine.evaluate(request("to " + ROSA, Tier.CONSUMER));
        assertThat(oneLine.cacheStats().decisionHits()).isZero();
    }

    @Test
    void findingsCache_scansEachTextOnce_andAnswersAsAScan() {
        List<String> scanned = new ArrayList<>();
        ContentScanner counting =
                ContentScanner.builder().addDefaults().add(recording(scanned)).build();
        PolicyEngine engine = PolicyEngine.builder()
                .rulePack(TestPacks.drl(PACK))
                .scanner(counting)
                .findingsCache(100, 100_000)
                .build();
        scanned.clear();
        PolicyEngine plain = engine(PACK, 1000);
        List<String> history = new ArrayList<>();
        for (int turn = 0; turn < 6; turn++) {
            history.add(texts().get(turn % texts().size()) + " (turn " + turn + ")");
            for (String message : history) {
                Decision a = engine.evaluate(request(message, Tier.CONSUMER));
                Decision b = plain.evaluate(request(message, Tier.CONSUMER));
                assertThat(a.effect()).isEqualTo(b.effect());
                assertThat(a.redactedContent()).isEqualTo(b.redactedContent());
            }
        }
        assertThat(scanned).hasSize(6).doesNotHaveDuplicates();
        PolicyEngine.CacheStats stats = engine.cacheStats();
        assertThat(stats.findingsMisses()).isEqualTo(6);
        assertThat(stats.findingsHits()).isEqualTo(1 + 2 + 3 + 4 + 5);
        assertThat(stats.findingsHitRate()).isGreaterThan(0.5);
    }

    @Test
    void findingsCache_staysBoundedAndCorrectWhenTextsCollideOrOverflow() {
        List<String> scanned = new ArrayList<>();
        ContentScanner counting =
                ContentScanner.builder().addDefaults().add(recording(scanned)).build();
        PolicyEngine engine = PolicyEngine.builder()
                .rulePack(TestPacks.drl(PACK))
                .scanner(counting)
                .findingsCache(4, 10_000)
                .build();
        scanned.clear();
        // texts of one length that differ in one char: whatever the sampled positions, equal keys are confirmed
        for (int round = 0; round < 2; round++) {
            for (char c = 'a'; c <= 'z'; c++) {
                String text = "x".repeat(50) + c + "y".repeat(49) + " " + ROSA;
                Decision d = engine.evaluate(request(text, Tier.CONSUMER));
                assertThat(d.effect()).isEqualTo(Effect.REDACT);
                assertThat(d.redactedContent().orElseThrow())
                        .startsWith(text.substring(0, 101))
                        .doesNotContain(ROSA);
            }
        }
        // four entries at most: the second round scanned every text again
        assertThat(scanned).hasSize(52);
        // a text longer than a quarter of the chars is never kept
        String big = "z".repeat(3000);
        engine.evaluate(request(big, Tier.API));
        engine.evaluate(request(big, Tier.API));
        assertThat(scanned).hasSize(54);
    }

    @Test
    void findingsCache_refusesEmptyBounds() {
        assertThatThrownBy(() -> PolicyEngine.builder().findingsCache(0, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PolicyEngine.builder().findingsCache(10, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
