package dev.clearance.internal.detect.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Whole words in the 40 chars before a candidate, ASCII windows and others alike. */
class ContextTest {
    private static boolean before(String prefix, String... words) {
        String text = prefix + "12345678";
        return Context.before(text, prefix.length(), words);
    }

    @Test
    void wordsAreWholeWordsInAnyCase() {
        assertThat(before("Passport: ", "passport")).isTrue();
        assertThat(before("PASSPORT NO ", "passport no")).isTrue();
        assertThat(before("passports ", "passport")).isFalse();
        assertThat(before("mypassport ", "passport")).isFalse();
        // a digit is no letter: it does not join a word
        assertThat(before("passport1 ", "passport")).isTrue();
        assertThat(before("see the tel ", "phone", "tel")).isTrue();
        assertThat(before("see the tele ", "phone", "tel")).isFalse();
    }

    @Test
    void onlyTheFortyCharsBeforeCount_andTheWindowEdgeIsABoundary() {
        String far = "passport " + "x".repeat(40);
        assertThat(before(far, "passport")).isFalse();
        // the window starts inside "xpassport": its first char is taken as a word start
        String cut = "x" + "passport" + " ".repeat(32);
        assertThat(cut.length() - 1).isEqualTo(Context.WINDOW);
        assertThat(before(cut, "passport")).isTrue();
    }

    @Test
    void windowsWithOtherCharsAndWordsBeyondAscii() {
        assertThat(before("Né le ", "né le")).isTrue();
        assertThat(before("NÉ LE ", "né le")).isTrue();
        assertThat(before("Ne le ", "né le")).isFalse();
        assertThat(before("Reisepass № ", "reisepass")).isTrue();
        assertThat(before("Reisepässe ", "reisepass")).isFalse();
        assertThat(before("ßpassport ", "passport")).isFalse();
    }
}
