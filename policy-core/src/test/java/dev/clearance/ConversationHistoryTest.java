package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A chat history sent again on every turn, with the findings cache on: a message redacted earlier in the
 * conversation reuses that redaction while its placeholders live, and gets a fresh one (never a dead placeholder)
 * once they expired or the conversation was cleared.
 */
class ConversationHistoryTest {
    private static final String ROSA = "rosa.marquez@example.org";
    private static final String BOB = "bob.tanaka@example.net";
    private static final String FIRST = "Write to Rosa at " + ROSA;

    private static final PolicyEngine ENGINE = PolicyEngine.builder()
            .rulePack(TestPacks.drl("""
                    rule "a.allow" when Data() then verdict.allow(); end
                    rule "pii.redact" when $f : Finding() then verdict.redact($f); end
                    """))
            .scanner(ContentScanner.defaults())
            .findingsCache(100, 100_000)
            .build();

    private static Decision send(Conversation chat, String content) {
        return ENGINE.evaluate(
                PolicyRequest.builder()
                        .destination(PolicyRequest.Destination.of("acme", Tier.API))
                        .classification(Classification.INTERNAL)
                        .content(content)
                        .build(),
                chat);
    }

    @Test
    void aResentHistory_keepsItsPlaceholders_whileNewMessagesGetTheirOwn() {
        Conversation chat = Conversation.create();
        Decision first = send(chat, FIRST);
        for (int turn = 0; turn < 3; turn++) {
            // a new String each turn, as a request parsed from JSON carries
            Decision again = send(chat, new String(FIRST.toCharArray()));
            assertThat(again.content()).isEqualTo(first.content()).isEqualTo("Write to Rosa at [EMAIL_ADDRESS_1]");
            assertThat(again.redactions()).isEqualTo(first.redactions());
        }
        Decision bob = send(chat, "Now Bob at " + BOB);

        assertThat(bob.content()).isEqualTo("Now Bob at [EMAIL_ADDRESS_2]");
        assertThat(chat.restore("[EMAIL_ADDRESS_1] and [EMAIL_ADDRESS_2]")).isEqualTo(ROSA + " and " + BOB);
    }

    @Test
    void aMessageWhosePlaceholderExpired_getsANewOneThatRestores() {
        ConversationTest.TestClock clock = new ConversationTest.TestClock();
        Conversation chat = Conversation.builder()
                .expireAfter(Duration.ofMinutes(1))
                .clock(clock)
                .build();
        assertThat(send(chat, FIRST).content()).endsWith("[EMAIL_ADDRESS_1]");

        clock.advance(Duration.ofMinutes(2));
        Decision later = send(chat, FIRST);

        assertThat(later.content()).isEqualTo("Write to Rosa at [EMAIL_ADDRESS_2]");
        assertThat(later.restore("to [EMAIL_ADDRESS_2]")).isEqualTo("to " + ROSA);
        assertThat(chat.restore("[EMAIL_ADDRESS_1]")).isEqualTo("[EMAIL_ADDRESS_1]");
    }

    @Test
    void aResentMessageKeepsItsPlaceholderAlive() {
        ConversationTest.TestClock clock = new ConversationTest.TestClock();
        Conversation chat = Conversation.builder()
                .expireAfter(Duration.ofMinutes(10))
                .clock(clock)
                .build();
        send(chat, FIRST);
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(6));
            assertThat(send(chat, FIRST).content()).endsWith("[EMAIL_ADDRESS_1]");
        }
        // 18 minutes after the first turn, 6 after the last use: still alive
        assertThat(chat.restore("[EMAIL_ADDRESS_1]")).isEqualTo(ROSA);
    }

    @Test
    void afterClear_aResentMessageGetsANewPlaceholder() {
        Conversation chat = Conversation.create();
        send(chat, FIRST);
        chat.clear();

        Decision again = send(chat, FIRST);

        assertThat(again.content()).isEqualTo("Write to Rosa at [EMAIL_ADDRESS_2]");
        assertThat(chat.restore("[EMAIL_ADDRESS_2]")).isEqualTo(ROSA);
    }

    @Test
    void anotherConversation_sendingTheSameMessage_getsItsOwnMapping() {
        Conversation one = Conversation.create();
        Conversation two = Conversation.create();
        send(one, "Bob at " + BOB);
        send(one, FIRST);

        Decision inTwo = send(two, FIRST);

        assertThat(inTwo.content()).endsWith("[EMAIL_ADDRESS_1]");
        assertThat(two.restore("[EMAIL_ADDRESS_1]")).isEqualTo(ROSA);
        assertThat(one.restore("[EMAIL_ADDRESS_2]")).isEqualTo(ROSA);
    }
}
