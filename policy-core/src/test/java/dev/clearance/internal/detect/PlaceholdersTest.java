package dev.clearance.internal.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Placeholder markers compared in place, as the lower-cased value would hold them. */
class PlaceholdersTest {

    private static boolean lowerCasedHoldsMarker(String text, int start, int end) {
        String value = text.substring(start, end).toLowerCase(Locale.ROOT);
        return Placeholders.markers().stream().anyMatch(value::contains);
    }

    @Test
    void markers_areFoundIgnoringCase_inTheValueOnly() {
        String text = "key=Your_Token_Here;next";
        assertThat(Placeholders.containsMarker(text, 4, 19)).isTrue();
        assertThat(Placeholders.containsMarker(text, 5, 19)).isFalse(); // "our_..." holds no marker
        assertThat(Placeholders.containsMarker("CHANGEME", 0, 8)).isTrue();
        assertThat(Placeholders.containsMarker("CHANGEM", 0, 7)).isFalse();
        assertThat(Placeholders.containsMarker("your\u212Aey", 0, 7)).isTrue(); // the Kelvin sign lower-cases to k
        assertThat(Placeholders.containsMarker("\u0130nsert", 0, 6)).isFalse(); // U+0130: i and a combining dot
    }

    @Test
    void inPlaceComparison_agreesWithTheLowerCasedValue() {
        String alphabet = "xX*.${}%(<>yourYOUR_- kKeEcChHaAnNgGmMpPlLdDiIsStTvV[]:()0a\u212A\u0130\u00DF\u03A3";
        Random random = new Random(5);
        int found = 0;
        for (int k = 0; k < 200_000; k++) {
            StringBuilder b = new StringBuilder();
            int len = random.nextInt(16);
            for (int i = 0; i < len; i++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (random.nextInt(4) == 0) {
                String m = Placeholders.markers()
                        .get(random.nextInt(Placeholders.markers().size()));
                b.insert(random.nextInt(b.length() + 1), random.nextBoolean() ? m.toUpperCase(Locale.ROOT) : m);
            }
            String text = b.toString();
            int start = text.isEmpty() ? 0 : random.nextInt(text.length());
            int end = start + random.nextInt(text.length() - start + 1);
            boolean expected = lowerCasedHoldsMarker(text, start, end);
            found += expected ? 1 : 0;
            assertThat(Placeholders.containsMarker(text, start, end))
                    .as("case %d", k)
                    .isEqualTo(expected);
        }
        assertThat(found).isGreaterThan(10_000);
    }
}
