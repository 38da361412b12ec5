package dev.clearance.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history of a chat, resent on every turn, is checked once: a message seen whole before (the same bytes, the
 * same conversation and caller) is skipped over, not parsed, decided or re-serialised again; anything else in it is
 * checked as on its first turn.
 */
class HistorySkipTest {
    static final String EMAIL = "robin.okafor@example.org";
    static final String CHAT = "/v1/chat/completions";

    /** The opening of one conversation (its identity): a system prompt and a first user message. */
    static final String OPENING = "{\"role\":\"system\",\"content\":\"You help plan the week.\"},"
            + "{\"role\":\"user\",\"content\":\"Let us plan Monday.\"}";

    /** An assistant message written unusually (spaces, an escaped char): re-serialising it would change it. */
    static final String ODD = "{ \"role\" : \"assistant\" , \"content\" : \"Monday: review the \\u0062udget.\" }";

    @TempDir
    Path dir;

    Fixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new Fixture(dir);
        fx.upstream.script(r -> FakeUpstream.json(200, OpenAiChatSdkTest.completion("fine")));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    static String chat(String... messages) {
        return "{\"model\":\"m\",\"messages\":[" + OPENING + "," + String.join(",", messages) + "]}";
    }

    static String user(String text) {
        return "{\"role\":\"user\",\"content\":\"" + text + "\"}";
    }

    HttpResponse<String> post(String body) throws Exception {
        return Raw.post(fx.base("/openai") + CHAT, body);
    }

    long counter(String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " ([0-9.E]+)$").matcher(fx.gateway.metrics());
        return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
    }

    String forwarded() {
        return new String(fx.upstream.last().body(), StandardCharsets.UTF_8);
    }

    @Test
    void aResentHistory_isNotDecidedAgain_andGoesOnAsItsBytesCame() throws Exception {
        assertThat(post(chat(ODD, user("And Tuesday?"))).statusCode()).isEqualTo(200);
        long decided = counter("clearance_gateway_parts_decided_total");
        long cached = counter("clearance_gateway_parts_cached_total");

        String turn2 = chat(
                ODD,
                user("And Tuesday?"),
                "{\"role\":\"assistant\",\"content\":\"Tuesday: hiring.\"}",
                user("And Wednesday?"));
        assertThat(post(turn2).statusCode()).isEqualTo(200);

        assertThat(forwarded()).isEqualTo(turn2);
        // only the two new messages were decided; the opening (2 parts) and the resent history (2) were not
        assertThat(counter("clearance_gateway_parts_decided_total") - decided).isEqualTo(2);
        assertThat(counter("clearance_gateway_parts_cached_total") - cached).isEqualTo(4);
    }

    @Test
    void aRedactionInTheNewMessage_leavesTheSkippedHistoryAsItCame() throws Exception {
        assertThat(post(chat(ODD, user("And Tuesday?"))).statusCode()).isEqualTo(200);

        HttpResponse<String> r = post(chat(ODD, user("And Tuesday?"), user("Invite " + EMAIL + " to it.")));

        assertThat(r.statusCode()).isEqualTo(200);
        String sent = forwarded();
        assertThat(sent).doesNotContain(EMAIL).contains(ODD);
        JsonNode messages = Dialect.JSON.readTree(sent).get("messages");
        assertThat(messages).hasSize(5);
        assertThat(messages.get(3).get("content").asText()).isEqualTo("And Tuesday?");
        assertThat(messages.get(4).get("content").asText())
                .startsWith("Invite [")
                .endsWith("] to it.");
    }

    @Test
    void aHistoryMessageRedactedBefore_isRedactedAgainWhenResent() throws Exception {
        String withEmail = user("Write to " + EMAIL + " about it.");
        assertThat(post(chat(withEmail)).statusCode()).isEqualTo(200);
        String first = forwarded();

        assertThat(post(chat(withEmail, "{\"role\":\"assistant\",\"content\":\"Done.\"}", user("Thanks.")))
                        .statusCode())
                .isEqualTo(200);

        assertThat(first).doesNotContain(EMAIL);
        assertThat(forwarded()).doesNotContain(EMAIL).contains(Fixture.placeholder(first));
    }

    @Test
    void aHistoryMessageChangedInPlace_isCheckedAgain() throws Exception {
        // the same length, first and last chars as a message already allowed: only its bytes tell them apart
        String clean = user("Write to xxxxx.xxxxxx@xxxxxxx.xxx about it.");
        String changed = user("Write to " + EMAIL + " about it.");
        assertThat(clean).hasSameSizeAs(changed);
        assertThat(post(chat(clean, user("Thanks."))).statusCode()).isEqualTo(200);

        assertThat(post(chat(changed, user("Thanks."), user("Again."))).statusCode())
                .isEqualTo(200);

        assertThat(forwarded()).doesNotContain(EMAIL);
    }

    @Test
    void aDuplicateKeyInAHistoryMessage_isRefused() throws Exception {
        assertThat(post(chat(ODD, user("And Tuesday?"))).statusCode()).isEqualTo(200);
        int before = fx.upstream.received.size();

        HttpResponse<String> r = post(chat(
                ODD,
                "{\"role\":\"user\",\"content\":\"And Tuesday?\",\"content\":\"Mail " + EMAIL + "\"}",
                user("Go on.")));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("clearance_bad_request").doesNotContain(EMAIL);
        assertThat(fx.upstream.received).hasSize(before);
    }

    @Test
    void aBodyThatIsNotAnObject_orHasTrailingContent_isRefused() throws Exception {
        HttpResponse<String> array = post("[" + OPENING + "]");
        HttpResponse<String> trailing = post(chat(user("Thanks.")) + " {}");
        HttpResponse<String> cut = post(chat(user("Thanks.")).substring(0, 120));

        assertThat(array.statusCode()).isEqualTo(400);
        assertThat(array.body()).contains("not a JSON object");
        assertThat(trailing.statusCode()).isEqualTo(400);
        assertThat(trailing.body()).contains("not valid JSON");
        assertThat(cut.statusCode()).isEqualTo(400);
        assertThat(fx.upstream.received).isEmpty();
    }
}
