package dev.clearance.internal.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Chars#indexOf} finds what {@link String#indexOf(String, int)} finds, from every start. */
class CharsTest {
    private static final String[] PATTERNS = {"printf", "eyJ", "%s", "aab", "abab"};

    @Test
    void indexOfFindsWhatStringIndexOfFinds() {
        Random random = new Random(7);
        // chars of the patterns, so matches and near misses are frequent, a non-ASCII char and a letter of none
        String alphabet = "printfeyJ%sab\u00e9\u4e2dz";
        for (int t = 0; t < 2000; t++) {
            StringBuilder b = new StringBuilder();
            int len = random.nextInt(40);
            for (int k = 0; k < len; k++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = b.toString();
            char[] chars = text.toCharArray();
            for (String p : PATTERNS) {
                int[] shifts = Chars.shifts(p);
                for (int from = -1; from <= len + 1; from++) {
                    assertThat(Chars.indexOf(chars, p, shifts, from))
                            .as("pattern %s from %d of case %d", p, from, t)
                            .isEqualTo(text.indexOf(p, from));
                }
            }
        }
    }

    @Test
    void indexOfFindsAMatchAtEitherEnd() {
        char[] text = "printf(x) then printf".toCharArray();
        int[] shifts = Chars.shifts("printf");
        assertThat(Chars.indexOf(text, "printf", shifts, 0)).isZero();
        assertThat(Chars.indexOf(text, "printf", shifts, 1)).isEqualTo(15);
        assertThat(Chars.indexOf(text, "printf", shifts, 16)).isEqualTo(-1);
    }
}
