package dev.clearance.internal.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.clearance.Finding;
import dev.clearance.spi.Detector;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ScanPipelineTest {
    /** Reports every occurrence of a word as a secret. */
    private static Detector word(String word) {
        return new Detector() {
            @Override
            public String id() {
                return "word-" + word;
            }

            @Override
            public void detect(String text, Consumer<Finding> sink) {
                for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
                    sink.accept(Finding.secret("word", i, i + word.length(), 1.0));
                }
            }
        };
    }

    @Test
    void findingsAreOrderedByStartLongerFirstAndExactDuplicatesReportedOnce() {
        ScanPipeline pipeline = new ScanPipeline(List.of(word("jar"), word("nightjar"), word("jar")), false);
        List<Finding> found = pipeline.scan("a nightjar and a jar");
        assertThat(found)
                .extracting(Finding::start, Finding::end)
                .containsExactly(tuple(2, 10), tuple(7, 10), tuple(17, 20));
    }

    @Test
    void findingsInANormalizedViewAreMappedBackToTheOriginalSpan() {
        String text = "a night\u200bjar here";
        assertThat(new ScanPipeline(List.of(word("nightjar")), false).scan(text))
                .isEmpty();
        List<Finding> found = new ScanPipeline(List.of(word("nightjar")), true).scan(text);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.start()).isEqualTo(2);
            assertThat(f.end()).isEqualTo(11);
            assertThat(f.confidence()).isEqualTo(0.9);
        });
    }

    @Test
    void noDetectorsOrNoTextFindNothing() {
        assertThat(new ScanPipeline(List.of(), true).scan("a nightjar")).isEmpty();
        assertThat(new ScanPipeline(List.of(word("x")), true).scan("")).isEmpty();
    }
}
