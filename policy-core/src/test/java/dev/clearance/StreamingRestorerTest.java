package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class StreamingRestorerTest {
    private static final Restorer RESTORER = Restorer.of(Map.of(
            "[EMAIL_ADDRESS_1]", "ann@example.org",
            "[EMAIL_ADDRESS_12]", "bo@example.org",
            "[X_1]", "[X_1]]",
            "[PHONE_NUMBER_3]", "+1 202 555 0100"));

    /** Text built of placeholders, their pieces, brackets and filler, so that cuts often fall inside one. */
    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of("[EMAIL_ADDRESS_1]", "[EMAIL_ADDRESS_12]", "[X_1]", "[PHONE_NUMBER_3]"),
                Arbitraries.of("[", "]", "[[", "]]", "[EMAIL_", "ADDRESS_1]", "_1", "1]", "[X_", "[PHONE"),
                Arbitraries.strings().withChars("ab []_X1\n").ofMaxLength(6));
        return piece.list().ofMaxSize(14).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(0, 60).list().ofMaxSize(12);
    }

    @Property
    void anyChunking_concatenatedOutputEqualsRestoreOfTheWhole(
            @ForAll("texts") String text, @ForAll("cuts") List<Integer> cuts) {
        StreamingRestorer stream = StreamingRestorer.of(RESTORER);
        StringBuilder out = new StringBuilder();
        int longest = RESTORER.longestPlaceholder();
        for (String chunk : chunks(text, cuts)) {
            out.append(stream.push(chunk));
            assertThat(stream.heldBack()).isLessThan(longest);
        }
        out.append(stream.finish());

        assertThat(out.toString()).isEqualTo(RESTORER.restore(text));
    }

    @Property
    void restore_equalsTheUnboundedSearchOfEarlierReleases(@ForAll("texts") String text) {
        assertThat(RESTORER.restore(text)).isEqualTo(naiveRestore(text));
    }

    @Test
    void placeholderSplitAcrossChunks_isHeldBack_neverEmittedHalf() {
        StreamingRestorer stream = StreamingRestorer.of(RESTORER);

        assertThat(stream.push("Write to [EMAIL_AD")).isEqualTo("Write to ");
        assertThat(stream.heldBack()).isEqualTo("[EMAIL_AD".length());
        assertThat(stream.push("DRESS_1] today")).isEqualTo("ann@example.org today");
        assertThat(stream.finish()).isEmpty();
        assertThatThrownBy(() -> stream.push("more")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void bracketFollowedByMoreThanAPlaceholderLength_isNotHeld() {
        StreamingRestorer stream = StreamingRestorer.of(RESTORER);
        String longTail = "[" + "a".repeat(40);

        assertThat(stream.push(longTail)).isEqualTo(longTail);
        assertThat(stream.heldBack()).isZero();
    }

    private static List<String> chunks(String text, List<Integer> cuts) {
        List<String> chunks = new ArrayList<>();
        int at = 0;
        for (int c : cuts) {
            int end = Math.min(text.length(), at + c);
            chunks.add(text.substring(at, end));
            at = end;
        }
        chunks.add(text.substring(at));
        return chunks;
    }

    private static final Map<String, String> MAP = Map.of(
            "[EMAIL_ADDRESS_1]", "ann@example.org",
            "[EMAIL_ADDRESS_12]", "bo@example.org",
            "[X_1]", "[X_1]]",
            "[PHONE_NUMBER_3]", "+1 202 555 0100");

    /** The restore of 1.0: nearest closing bracket, anywhere. */
    private static String naiveRestore(String text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '[') {
                int close = text.indexOf(']', i + 1);
                if (close > 0) {
                    String original = MAP.get(text.substring(i, close + 1));
                    if (original != null) {
                        out.append(original);
                        i = close + 1;
                        continue;
                    }
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }
}
