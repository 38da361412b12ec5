package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ConversationTest {
    private static final String ROSA = "rosa.marquez@example.org";
    private static final String BOB = "bob.tanaka@example.net";

    private static final PolicyEngine ENGINE = PolicyEngine.builder()
            .rulePack(TestPacks.drl("""
                    rule "a.allow" when Data() then verdict.allow(); end
                    rule "pii.redact" when $f : Finding() then verdict.redact($f); end
                    """))
            .scanner(ContentScanner.defaults())
            .build();

    /** A clock tests move by hand. */
    static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private static PolicyRequest turn(String content) {
        return PolicyRequest.builder()
                .destination(PolicyRequest.Destination.of("acme", Tier.API))
                .classification(Classification.INTERNAL)
                .content(content)
                .build();
    }

    @Test
    void twoPeopleAcrossTurns_getDistinctPlaceholders_andEachRestoresToTheirOwnValue() {
        Conversation chat = Conversation.create();

        Decision first = ENGINE.evaluate(turn("Write to Rosa at " + ROSA), chat);
        Decision second = ENGINE.evaluate(turn("Now also Bob at " + BOB), chat);
        Decision third = ENGINE.evaluate(turn("Rosa again: " + ROSA), chat);

        assertThat(first.content()).isEqualTo("Write to Rosa at [EMAIL_ADDRESS_1]");
        assertThat(second.content()).isEqualTo("Now also Bob at [EMAIL_ADDRESS_2]");
        assertThat(third.content()).isEqualTo("Rosa again: [EMAIL_ADDRESS_1]");
        String answer = "Rosa is [EMAIL_ADDRESS_1], Bob is [EMAIL_ADDRESS_2]";
        String expected = "Rosa is " + ROSA + ", Bob is " + BOB;
        assertThat(second.restore(answer)).isEqualTo(expected);
        assertThat(chat.restore(answer)).isEqualTo(expected);
    }

    @Test
    void withoutAConversation_placeholdersRestartEachTurn_whichIsWhyConversationsExist() {
        Decision first = ENGINE.evaluate(turn("Rosa at " + ROSA));
        Decision second = ENGINE.evaluate(turn("Bob at " + BOB));

        assertThat(first.content()).endsWith("[EMAIL_ADDRESS_1]");
        assertThat(second.content()).endsWith("[EMAIL_ADDRESS_1]");
        assertThat(second.restore("[EMAIL_ADDRESS_1]")).isEqualTo(BOB);
    }

    @Test
    void placeholderTheUserTyped_isNeverRestored_andNeverHandedOut() {
        Conversation chat = Conversation.create();

        Decision d = ENGINE.evaluate(turn("the template says [EMAIL_ADDRESS_1]; mine is " + ROSA), chat);

        assertThat(d.content()).isEqualTo("the template says [EMAIL_ADDRESS_1]; mine is [EMAIL_ADDRESS_2]");
        assertThat(chat.restore("[EMAIL_ADDRESS_1] and [EMAIL_ADDRESS_2]")).isEqualTo("[EMAIL_ADDRESS_1] and " + ROSA);
    }

    @Test
    void full_turnNeedingAnotherPlaceholder_isDeniedWithTheLimit_butKnownValuesStillWork() {
        Conversation chat = Conversation.builder().maxEntries(1).build();
        assertThat(ENGINE.evaluate(turn("a " + ROSA), chat).effect()).isEqualTo(Effect.REDACT);

        Decision denied = ENGINE.evaluate(turn("b " + BOB), chat);
        Decision again = ENGINE.evaluate(turn("c " + ROSA), chat);

        assertThat(denied.effect()).isEqualTo(Effect.DENY);
        assertThat(denied.ruleIds()).containsExactly(ReasonIds.LIMIT_CONVERSATION_ENTRIES);
        assertThat(denied.content()).isNull();
        assertThat(again.content()).isEqualTo("c [EMAIL_ADDRESS_1]");
    }

    @Test
    void expiry_forgetsUnusedValues_andNeverReusesTheirNumbers() {
        TestClock clock = new TestClock();
        Conversation chat = Conversation.builder()
                .expireAfter(Duration.ofMinutes(10))
                .clock(clock)
                .build();
        ENGINE.evaluate(turn("a " + ROSA), chat);

        clock.advance(Duration.ofMinutes(9));
        assertThat(chat.restore("[EMAIL_ADDRESS_1]")).isEqualTo(ROSA); // restoring keeps it alive
        clock.advance(Duration.ofMinutes(9));
        assertThat(chat.size()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(10));
        assertThat(chat.size()).isZero();
        assertThat(chat.restore("[EMAIL_ADDRESS_1]")).isEqualTo("[EMAIL_ADDRESS_1]");

        Decision later = ENGINE.evaluate(turn("b " + BOB), chat);
        assertThat(later.content()).isEqualTo("b [EMAIL_ADDRESS_2]");
    }

    @Test
    void mapping_isNeverPrintedOrSerialised() {
        Conversation chat = Conversation.create();
        Decision d = ENGINE.evaluate(turn("mail " + ROSA), chat);

        assertThat(chat.toString()).doesNotContain(ROSA).contains("1 placeholders");
        assertThat(chat.restorer().toString()).doesNotContain(ROSA);
        assertThat(chat.streamingRestorer().toString()).doesNotContain(ROSA);
        assertThat(d.toString()).doesNotContain(ROSA);
        assertThat(PolicyJson.write(d)).doesNotContain(ROSA).doesNotContain("rosa");
    }

    @Test
    void vault_evictingWhenFull_forgetsTheLeastRecentlyUsedConversationAndItsValues() {
        RedactionVault vault = RedactionVault.builder()
                .maxConversations(2)
                .evictLeastRecentlyUsed(true)
                .build();
        Conversation a = vault.conversation("chat-a");
        Conversation b = vault.conversation("chat-b");
        ENGINE.evaluate(turn("x " + ROSA), b);
        assertThat(b.size()).isPositive();
        vault.conversation("chat-a"); // a is now the most recently used

        Conversation c = vault.conversation("chat-c");

        assertThat(vault.size()).isEqualTo(2);
        assertThat(vault.evictions()).isEqualTo(1);
        assertThat(b.size()).isZero();
        assertThat(vault.conversation("chat-a")).isSameAs(a);
        assertThat(vault.conversation("chat-c")).isSameAs(c);
        assertThat(vault.conversation("chat-b")).isNotSameAs(b);
        assertThat(vault.evictions()).isEqualTo(2);
    }

    @Test
    void vault_keysConversationsById_isBounded_andExpiresIdleOnes() {
        TestClock clock = new TestClock();
        RedactionVault vault = RedactionVault.builder()
                .maxConversations(2)
                .expireAfter(Duration.ofMinutes(5))
                .clock(clock)
                .build();
        Conversation a = vault.conversation("chat-a");
        assertThat(vault.conversation("chat-a")).isSameAs(a);
        vault.conversation("chat-b");

        assertThatThrownBy(() -> vault.conversation("chat-c"))
                .isInstanceOfSatisfying(
                        LimitExceededException.class,
                        e -> assertThat(e.setting()).isEqualTo("maxConversations"));

        ENGINE.evaluate(turn("x " + ROSA), a);
        clock.advance(Duration.ofMinutes(6));
        assertThat(vault.size()).isZero();
        assertThat(a.size()).isZero();
        Conversation fresh = vault.conversation("chat-a");
        assertThat(fresh).isNotSameAs(a);
        assertThat(vault.toString()).doesNotContain("chat-a");

        vault.forget("chat-a");
        assertThat(vault.size()).isZero();
    }

    @Test
    void concurrentTurns_neverGiveTwoValuesOnePlaceholder() throws Exception {
        Conversation chat = Conversation.create();
        int threads = 4;
        int perThread = 50;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            java.util.List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int tt = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        ENGINE.evaluate(turn("user" + (i % 25) + "." + tt + "@example.com"), chat);
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(chat.size()).isEqualTo(threads * 25);
        java.util.Set<String> restored = new java.util.HashSet<>();
        for (int n = 1; n <= threads * 25; n++) {
            restored.add(chat.restore("[EMAIL_ADDRESS_" + n + "]"));
        }
        assertThat(restored).hasSize(threads * 25).allMatch(v -> v.endsWith("@example.com"));
    }
}
