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
}
