package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseGuardTest {
    /** An AWS-shaped access key id built from AWS's documented format (AKIA + 16 base-32 characters). */
    private static final String KEY = "AKIA" + "Q7RT2WX5ZB3NM4KD";

    private static final String EMAIL = "rosa.marquez@example.org";

    private static final PolicyEngine ENGINE = PolicyEngine.builder()
            .rulePack(TestPacks.drl("""
                    rule "a.allow" when Data() then verdict.allow(); end
                    rule "secret.redact" when $f : Finding( category == FindingCategory.SECRET ) then verdict.redact($f); end
                    rule "pii.redact-request"
                    when
                        Context( request )
                        $f : Finding( category == FindingCategory.PII )
                    then
                        verdict.redact($f);
                    end
                    """))
            .scanner(ContentScanner.defaults())
            .build();

    private static final PolicyRequest SENT = PolicyRequest.builder()
            .destination(PolicyRequest.Destination.of("acme", Tier.API))
            .classification(Classification.INTERNAL)
            .content("mail " + EMAIL)
            .build();

    @Test
    void check_secretInTheAnswer_isRedacted_andConversationValuesAreRestored() {
        Conversation chat = Conversation.create();
        Decision in = ENGINE.evaluate(SENT, chat);
        assertThat(in.content()).isEqualTo("mail [EMAIL_ADDRESS_1]");

        String shown = ResponseGuard.of(ENGINE).check(SENT, chat, "Wrote [EMAIL_ADDRESS_1] with key " + KEY + " ok");

        assertThat(shown).isEqualTo("Wrote " + EMAIL + " with key [SECRET_1] ok");
        assertThat(chat.restore("[SECRET_1]")).isEqualTo("[SECRET_1]");
        assertThat(chat.size()).isEqualTo(1);
    }

    @Test
    void check_cleanAnswer_onlyRestores() {
        Conversation chat = Conversation.create();
        ENGINE.evaluate(SENT, chat);

        assertThat(ResponseGuard.of(ENGINE).check(SENT, chat, "Hi [EMAIL_ADDRESS_1]"))
                .isEqualTo("Hi " + EMAIL);
    }

    @Test
    void stream_cleanAnswer_emitsEverythingRestored_inCheckedWords() {
        Conversation chat = Conversation.create();
        ENGINE.evaluate(SENT, chat);
        ResponseGuard.Stream stream = ResponseGuard.of(ENGINE).stream(SENT, chat);

        List<String> out = new ArrayList<>();
        for (String chunk : List.of("Dear [EMAIL_", "ADDRESS_1], the", " mi", "gration slipped")) {
            out.add(stream.push(chunk));
        }
        out.add(stream.finish());

        assertThat(out).containsExactly("Dear ", EMAIL + ", ", "the ", "migration ", "slipped");
    }

    @Test
    void stream_secretMidStream_isCutBeforeAnyOfItIsEmitted() {
        ResponseGuard.Stream stream = ResponseGuard.of(ENGINE).stream(SENT, null);
        StringBuilder emitted = new StringBuilder();

        emitted.append(stream.push("your key is "));
        emitted.append(stream.push(KEY.substring(0, 9)));
        assertThatThrownBy(() -> stream.push(KEY.substring(9) + " done"))
                .isInstanceOf(ResponseBlockedException.class)
                .hasMessageContaining("secret.redact")
                .hasMessageNotContaining(KEY);
        assertThatThrownBy(stream::finish).isInstanceOf(ResponseBlockedException.class);

        assertThat(emitted.toString()).isEqualTo("your key is ");
    }

    @Test
    void stream_secretInTheLastWord_isCutAtFinish() {
        ResponseGuard.Stream stream = ResponseGuard.of(ENGINE).stream(SENT, null);

        assertThat(stream.push("key: ")).isEqualTo("key: ");
        assertThat(stream.push(KEY)).isEmpty();
        assertThatThrownBy(stream::finish).isInstanceOf(ResponseBlockedException.class);
    }

    @Test
    void deniedAnswer_throwsNamingTheRule() {
        PolicyEngine engine =
                PolicyEngine.builder().rulePack(TestPacks.drl("""
                        rule "a.allow" when Context( request ) then verdict.allow(); end
                        rule "output.deny" when Context( response ) then verdict.deny("no answers"); end
                        """)).build();

        assertThatThrownBy(() -> ResponseGuard.of(engine).check(SENT, null, "anything"))
                .isInstanceOfSatisfying(
                        ResponseBlockedException.class,
                        e -> assertThat(e.decision().ruleIds()).containsExactly("output.deny"));
    }

    private static String base64(int length, long seed) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        java.util.Random random = new java.util.Random(seed);
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    /** A PEM private key block as RFC 7468 lays it out: label lines around base64 lines of 64 characters. */
    private static String pemKey() {
        StringBuilder b = new StringBuilder("-----BEGIN PRIVATE KEY-----\n");
        for (int i = 0; i < 6; i++) {
            b.append(base64(64, i)).append('\n');
        }
        return b.append("-----END PRIVATE KEY-----").toString();
    }

    @Test
    void stream_multiLinePemKey_noPartOfItIsEverEmitted() {
        String answer = "Here it is:\n" + pemKey() + "\nKeep it safe.";
        for (int size : new int[] {1, 7, 64, 200}) {
            ResponseGuard.Stream stream = ResponseGuard.of(ENGINE).stream(SENT, null);
            StringBuilder emitted = new StringBuilder();
            assertThatThrownBy(() -> {
                        for (int i = 0; i < answer.length(); i += size) {
                            emitted.append(stream.push(answer.substring(i, Math.min(answer.length(), i + size))));
                        }
                        emitted.append(stream.finish());
                    })
                    .as("chunks of " + size)
                    .isInstanceOf(ResponseBlockedException.class);
            assertThat(emitted.toString())
                    .as("chunks of " + size)
                    .doesNotContain("-----BEGIN")
                    .isIn("", "Here it is:\n");
        }
    }

    @Test
    void stream_unterminatedBeginBlock_isHeldBackUpToTheLimit_thenCut() {
        ResponseGuard.Stream stream = ResponseGuard.of(ENGINE).stream(SENT, null);
        StringBuilder emitted = new StringBuilder(stream.push("ok -----BEGIN DATA-----\n"));
        String line = "plain words only here\n";
        assertThatThrownBy(() -> {
                    for (int i = 0; i <= ResponseGuard.MAX_HELD_BLOCK / line.length() + 1; i++) {
                        emitted.append(stream.push(line));
                    }
                })
                .isInstanceOfSatisfying(
                        ResponseBlockedException.class,
                        e -> assertThat(e.decision().ruleIds()).containsExactly(ReasonIds.LIMIT_STREAM_HELD_BLOCK));
        assertThat(emitted.toString()).isEqualTo("ok ");
        assertThatThrownBy(() -> stream.push("more")).isInstanceOf(ResponseBlockedException.class);
    }

    @Test
    void stream_endingInsideABeginBlock_failsClosed() {
        ResponseGuard.Stream stream = ResponseGuard.of(ENGINE).stream(SENT, null);
        assertThat(stream.push("see -----BEGIN NOTE----- plain ")).isEqualTo("see ");

        assertThatThrownBy(stream::finish)
                .isInstanceOfSatisfying(
                        ResponseBlockedException.class,
                        e -> assertThat(e.decision().ruleIds()).containsExactly(ReasonIds.LIMIT_STREAM_HELD_BLOCK));
    }

    @Test
    void stream_closedHarmlessBlock_isReleasedWhenItsEndLineArrives() {
        ResponseGuard.Stream stream = ResponseGuard.of(ENGINE).stream(SENT, null);
        StringBuilder emitted = new StringBuilder();
        for (String chunk : List.of("a -----BEG", "IN NOTE-----\nplain text\n-----EN", "D NOTE--", "--- b ", "c")) {
            emitted.append(stream.push(chunk));
        }
        emitted.append(stream.finish());

        assertThat(emitted.toString()).isEqualTo("a -----BEGIN NOTE-----\nplain text\n-----END NOTE----- b c");
    }

    /** Counts the characters it is asked to decide. */
    private static final class CountingDecider implements PolicyDecider {
        long chars;

        @Override
        public Decision evaluate(PolicyRequest request) {
            chars += request.data().content().length();
            return ENGINE.evaluate(request);
        }

        @Override
        public Decision evaluate(PolicyRequest request, Conversation conversation) {
            chars += request.data().content().length();
            return ENGINE.evaluate(request, conversation);
        }

        @Override
        public String packId() {
            return ENGINE.packId();
        }

        @Override
        public String packVersion() {
            return ENGINE.packVersion();
        }
    }

    @Test
    void stream_decidesABoundedWindowPerChunk_notTheWholeAnswerAgain() {
        CountingDecider counting = new CountingDecider();
        ResponseGuard.Stream stream = ResponseGuard.of(counting).stream(SENT, null);
        int chunks = 2000;
        StringBuilder emitted = new StringBuilder();
        for (int i = 0; i < chunks; i++) {
            emitted.append(stream.push("word" + (i % 10) + " "));
        }
        emitted.append(stream.finish());
        int length = emitted.length();

        assertThat(length).isEqualTo(chunks * 6);
        // each chunk: itself plus at most CONTEXT characters before it; finish: the whole answer once
        assertThat(counting.chars).isLessThanOrEqualTo((long) chunks * (ResponseGuard.CONTEXT + 6) + length);
        // re-deciding the whole answer per chunk would be about chunks * length / 2
        assertThat(counting.chars).isLessThan((long) chunks * length / 4);
    }
}
