package dev.clearance.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link RequestTree} reads a request body into exactly the tree {@code Dialect.JSON.readTree} gives and refuses
 * exactly what it refuses: the checked strings are the strings a JSON reader sees, whatever the bytes.
 */
class RequestTreeTest {
    /** The mapper's tree, or null where it refuses the bytes. */
    static JsonNode jackson(byte[] body) {
        try {
            return Dialect.JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    static JsonNode ours(byte[] body) {
        try {
            return RequestTree.read(body);
        } catch (IOException e) {
            return null;
        }
    }

    static void agree(byte[] body) {
        JsonNode expected = jackson(body);
        JsonNode actual = ours(body);
        if (expected == null || expected.isMissingNode()) {
            assertThat(actual).as("refused as readTree refuses it").isNull();
        } else {
            assertThat(actual).isEqualTo(expected);
            assertThat(Dialect.bytes(actual)).isEqualTo(Dialect.bytes(expected));
        }
    }

    static void agree(String json) {
        agree(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void documentsOfEveryShape_giveTheSameTree() {
        List<String> docs = List.of(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"plain words\"}]}",
                "{ \"a\" : \"x\" , \"b\" : [ \"y\" , \"z\" ] }\n",
                "{\"a\":\"\",\"b\":[\"\"],\"c\":{}}",
                "{\"a\":\"tab\\there\",\"b\":\"quote \\\" inside\",\"c\":\"back\\\\slash\",\"d\":\"\\u00e9t\\u00e9\"}",
                "{\"a\":\"\\ud83d\\ude00 and é and 日本\",\"b\":\"caf\u00e9\"}",
                "{\"a\":\"DEL \u007f char\"}",
                "{\"n\":[0,-1,2147483647,2147483648,-9223372036854775808,9223372036854775808,123456789012345678901234]}",
                "{\"f\":[0.5,-1.25e-7,1E300,3.0,1e-400,12345678901234567890.5]}",
                "{\"t\":true,\"f\":false,\"z\":null}",
                "{\"content\":\"content\",\"role\":\"role\"}",
                "{\"x\":{\"y\":{\"z\":[[[\"deep\"]]]}}}",
                "[\"top\",\"level\",\"array\"]",
                "\"just a string\"",
                "42");
        for (String d : docs) {
            agree(d);
        }
    }

    @Test
    void whatReadTreeRefuses_isRefused() {
        List<String> bad = List.of(
                "{\"a\":\"x\",\"a\":\"y\"}",
                "{\"a\":\"x\"} {\"a\":\"y\"}",
                "{\"a\":\"x\"}]",
                "{\"a\":\"unterminated}",
                "{\"a\":\"raw\ncontrol\"}",
                "{\"a\":\"x\" \"b\":\"y\"}",
                "{\"a\":\"x\",}",
                "{\"a\":\"bad \\q escape\"}",
                "{\"a\":'single'}",
                "{\"a\":\"x\"",
                "",
                "   ");
        for (String d : bad) {
            JsonNode j = jackson(d.getBytes(StandardCharsets.UTF_8));
            assertThat(j == null || j.isMissingNode())
                    .as("readTree refuses this case")
                    .isTrue();
            assertThatThrownBy(() -> RequestTree.read(d.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void invalidUtf8InsideAString_isRefused() {
        byte[] body = "{\"a\":\"ok XX ok\"}".getBytes(StandardCharsets.US_ASCII);
        body[10] = (byte) 0xC3; // a lead byte followed by an ASCII byte: not UTF-8
        body[11] = (byte) 'Z';

        agree(body);
        assertThat(ours(body)).isNull();
    }

    @Test
    void randomDocuments_andTheirMutations_agreeWithReadTree() {
        Random random = new Random(20261201);
        String[] pieces = {
            "a", "Z", " ", "\\\"", "\\\\", "\\n", "\\u0041", "é", "日", "\uD83D\uDE00", "\\/", ":", ",", "}"
        };
        for (int n = 0; n < 2000; n++) {
            StringBuilder sb = new StringBuilder();
            document(sb, random, pieces, 0);
            byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
            agree(body);
            for (int m = 0; m < 5; m++) {
                byte[] mutated = body.clone();
                int at = random.nextInt(mutated.length);
                byte[] choices = {'"', '\\', ',', ':', '}', ']', '\n', 0x01, (byte) 0xC3, (byte) 0x80, 'x', ' '};
                mutated[at] = choices[random.nextInt(choices.length)];
                agree(mutated);
            }
        }
    }

    private static void document(StringBuilder sb, Random random, String[] pieces, int depth) {
        int kind = depth > 3 ? 2 + random.nextInt(3) : random.nextInt(5);
        switch (kind) {
            case 0 -> {
                sb.append('{');
                int fields = random.nextInt(4);
                List<String> names = new ArrayList<>();
                for (int i = 0; i < fields; i++) {
                    String name = "k" + i + (random.nextBoolean() ? "" : "\\u00e9");
                    names.add(name);
                    sb.append(i == 0 ? "" : ",").append(random.nextBoolean() ? " " : "");
                    sb.append('"').append(name).append("\":");
                    document(sb, random, pieces, depth + 1);
                }
                sb.append('}');
            }
            case 1 -> {
                sb.append('[');
                int items = random.nextInt(4);
                for (int i = 0; i < items; i++) {
                    sb.append(i == 0 ? "" : " , ");
                    document(sb, random, pieces, depth + 1);
                }
                sb.append(']');
            }
            case 2, 3 -> {
                sb.append('"');
                int len = random.nextInt(8);
                for (int i = 0; i < len; i++) {
                    sb.append(pieces[random.nextInt(pieces.length)]);
                }
                sb.append('"');
            }
            default ->
                sb.append(
                        switch (random.nextInt(5)) {
                            case 0 -> "true";
                            case 1 -> "null";
                            case 2 -> Integer.toString(random.nextInt());
                            case 3 -> Long.toString(random.nextLong()) + "0";
                            default -> Double.toString(random.nextGaussian());
                        });
        }
    }
}
