package dev.clearance.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clearance.PolicyRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RequestBody's outline reader against the gateway's mapper: with nothing cached it builds the tree {@code
 * readTree} builds, and it refuses what {@code readTree} refuses.
 */
class RequestBodyTest {
    static final Checker CHECKER = new Checker(Fixture.ENGINE, 100, () -> 1L);
    static final String SCOPE = CHECKER.scope(
            "c",
            PolicyRequest.builder()
                    .id("r")
                    .user("u")
                    .destination(PolicyRequest.Destination.product("openai:api"))
                    .content("")
                    .build());

    static final List<String> VALID = List.of(
            "{}",
            " { } ",
            "{\"model\":\"m\",\"messages\":[]}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"assistant\",\"content\":\"b\"}],"
                    + "\"model\":\"m\",\"stream\":true,\"temperature\":0.5,\"n\":1,\"stop\":null}",
            "{\r\n\t\"messages\" : [ {\"role\":\"user\",\"content\":\"x\"} ,\n {\"role\":\"assistant\","
                    + "\"content\":\"q\\\"uote \\\\ back\\\\\\\" \\u00e9 \\n\"} , \"text\", 12, [1,[2,{\"a\":\"]\"}]]"
                    + " ] }",
            "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"é ü 中文 \uD83D\uDE00\"}]},"
                    + "{\"role\":\"assistant\",\"content\":\"" + "0123456789abcdef".repeat(20) + "\\\\\"}]}",
            "{\"mess\\u0061ges\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"tool\",\"content\":\"{}[]\"}]}",
            "{\"messages\":{\"role\":\"user\"},\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{},{\"content\":{\"nested\":[\"}\",\"{\"]}}]}",
            "{\"clé\":\"é\",\"k~ \":\"\",\"t\":true,\"f\":false,\"z\":null,\"q\":\"a\\\"b\",\"\":\" ~\u007f\"}");

    static final List<String> INVALID = List.of(
            "{",
            "{\"model\":\"m\"",
            "{\"model\":\"m\",}",
            "{\"model\" \"m\"}",
            "{\"model\":\"m\"} x",
            "{\"model\":\"m\"}{}",
            "{\"model\":\"m\",\"model\":\"n\"}",
            "{\"mess\\u0061ges\":[],\"messages\":[]}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"x\",\"role\":\"y\"}]}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"content\":\"open}]}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"content\":\"a\"]}]}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"content\":\"a\" \"b\"}]}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"} {\"content\":\"b\"}]}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"},]}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"content\":\"bad \u0001 control\"}]}",
            "{\"n\":01}",
            "{\"n\":tru}",
            "{\"n\":1.}",
            "{\"s\":\"cut\\",
            "{\"k\u0001ey\":1}",
            "{\"model\":\"m\u0001\"}",
            "{\"t\":truex}",
            "{\"t\":nul}",
            "{'model':'m'}");

    static RequestBody readAll(String json) {
        RequestBody body = RequestBody.read(json.getBytes(StandardCharsets.UTF_8), true);
        body.resolve(CHECKER, SCOPE);
        return body;
    }

    @Test
    void withNothingCached_theTreeIsTheMappersTree() throws IOException {
        for (String json : VALID) {
            JsonNode expected = Dialect.JSON.readTree(json);

            assertThat(readAll(json).tree).as(json).isEqualTo(expected);
        }
    }

    @Test
    void whatTheMapperRefuses_isRefused() {
        for (String json : INVALID) {
            assertThatThrownBy(() -> Dialect.JSON.readTree(json)).as(json).isInstanceOf(IOException.class);

            assertThatThrownBy(() -> readAll(json)).as(json).isInstanceOf(BadRequest.class);
        }
    }

    /** The body in the middle of a larger array (a pooled buffer), between bytes that are not JSON. */
    static RequestBody readWithin(String json, boolean history) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        byte[] around = new byte[b.length + 7];
        java.util.Arrays.fill(around, (byte) '}');
        System.arraycopy(b, 0, around, 3, b.length);
        RequestBody body = RequestBody.read(around, 3, 3 + b.length, history);
        body.resolve(CHECKER, SCOPE);
        return body;
    }

    @Test
    void aBodyWithinALargerArray_isReadAsItsOwnBytes() throws IOException {
        for (boolean history : new boolean[] {true, false}) {
            for (String json : VALID) {
                assertThat(readWithin(json, history).tree).as(json).isEqualTo(Dialect.JSON.readTree(json));
            }
            for (String json : INVALID) {
                assertThatThrownBy(() -> readWithin(json, history)).as(json).isInstanceOf(BadRequest.class);
            }
        }
    }

    @Test
    void notAnObject_isRefusedAsTheMapperSays() {
        assertThatThrownBy(() -> readAll("[1]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> readAll("")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> readAll("\"text\"")).hasMessageContaining("not a JSON object");
    }

    @Test
    void aStringEndIsFoundPastEscapesOnEitherSideOfAnEightByteWord() {
        for (int pad = 0; pad < 20; pad++) {
            String s = "\"" + "a".repeat(pad) + "\\\"\\\\" + "b".repeat(pad) + "\"";
            byte[] b = (s + ",").getBytes(StandardCharsets.US_ASCII);

            assertThat(RequestBody.stringEnd(b, 0, b.length)).as(s).isEqualTo(s.length());
        }
    }
}
