package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Context entries of different windows on one finding: each entry sees only its own window, whole words at the
 * window's edges are judged by the text beyond, and case folding that changes a side's length or depends on its
 * surroundings gives the same answers.
 */
class DetectionTuningWindowsTest {
    private static final String VALUE = "5550100";

    /** The confidence of the one finding on {@link #VALUE} in {@code text} after {@code tuning}. */
    private static double tuned(DetectionTuning tuning, String text) {
        int at = text.indexOf(VALUE);
        Finding f = Finding.pii("PHONE_NUMBER", "phone", at, at + VALUE.length(), 0.5, false);
        List<Finding> out = tuning.apply(text, List.of(f));
        assertThat(out).hasSize(1);
        return out.get(0).confidence();
    }

    private static final DetectionTuning NARROW_AND_WIDE = DetectionTuning.builder()
            .contextWords("PHONE_NUMBER", List.of("fax"), 0.1, 8)
            .contextWords("PHONE_NUMBER", List.of("fax"), 0.2, 40)
            .build();

    @Test
    void aWordOutsideTheNarrowWindow_countsOnlyForTheWideOne() {
        // "fax" ends 12 chars before the value: inside 40, outside 8
        assertThat(tuned(NARROW_AND_WIDE, "fax is at: " + " " + VALUE)).isCloseTo(0.7, within());
        assertThat(tuned(NARROW_AND_WIDE, "fax: " + VALUE)).isCloseTo(0.8, within());
        assertThat(tuned(NARROW_AND_WIDE, VALUE + " (fax)")).isCloseTo(0.8, within());
        assertThat(tuned(NARROW_AND_WIDE, VALUE + " is the number for the fax")).isCloseTo(0.7, within());
    }

    @Test
    void aWordCutByTheWindowEdge_isJudgedByTheTextBeyond() {
        DetectionTuning t = DetectionTuning.builder()
                .contextWords("PHONE_NUMBER", List.of("fax"), 0.1, 4)
                .contextWords("PHONE_NUMBER", List.of("tel"), 0.2, 40)
                .build();
        // the 4-char window starts at the "f" of "telefax": a letter beyond it, so no whole word
        assertThat(tuned(t, "telefax " + VALUE)).isCloseTo(0.5, within());
        assertThat(tuned(t, "tele fax " + VALUE)).isCloseTo(0.6, within());
        // after the value, "faxes" runs past the window's end; "fax." does not
        assertThat(tuned(t, VALUE + " faxes")).isCloseTo(0.5, within());
        assertThat(tuned(t, VALUE + " fax.")).isCloseTo(0.6, within());
        assertThat(tuned(t, "tel " + VALUE + " fax.")).isCloseTo(0.8, within());
    }

    @Test
    void raisingAndLoweringEntriesOfOneList_bothRead() {
        DetectionTuning t = DetectionTuning.builder()
                .contextWords("PHONE_NUMBER", List.of("tel", "phone"), 0.2, 20)
                .withoutContextWords("PHONE_NUMBER", List.of("tel", "phone"), -0.3, 20)
                .contextWords("PHONE_NUMBER", List.of("tel", "phone"), 0.1, 5)
                .build();
        assertThat(tuned(t, "tel: " + VALUE)).isCloseTo(0.8, within());
        assertThat(tuned(t, "the Phone: " + VALUE)).isCloseTo(0.7, within());
        assertThat(tuned(t, "nothing names it " + VALUE)).isCloseTo(0.2, within());
    }

    @Test
    void casesThatChangeLengthOrDependOnContext_areFoldedAsBefore() {
        DetectionTuning t = DetectionTuning.builder()
                .contextWords("PHONE_NUMBER", List.of("ΤΗΛΕΦΩΝΟΣ", "fax"), 0.2, 30)
                .contextWords("PHONE_NUMBER", List.of("fax"), 0.1, 6)
                .build();
        // a capital sigma at the end of a word folds to the final sigma, as the entry's word does
        assertThat(tuned(t, "ΤΗΛΕΦΩΝΟΣ " + VALUE)).isCloseTo(0.7, within());
        // a dotted capital I folds to two chars: the words around it are still found where they are
        assertThat(tuned(t, "İİİ fax " + VALUE)).isCloseTo(0.8, within());
        assertThat(tuned(t, VALUE + " fax İİİ")).isCloseTo(0.8, within());
        assertThat(tuned(t, "fax İİİİİİİİ " + VALUE)).isCloseTo(0.7, within());
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }
}
