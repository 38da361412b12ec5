package dev.clearance.internal.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.Classification;
import dev.clearance.ContentScanner;
import dev.clearance.Finding;
import dev.clearance.TermSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TermSetDetectorTest {

    private static List<Finding> scan(List<TermSet> sets, String text) {
        return ContentScanner.builder().termSets(sets).build().scan(text);
    }

    @Test
    void term_matchesCaseInsensitivelyOnWholeWords() {
        TermSet codenames =
                TermSet.classifying("codenames", Classification.CONFIDENTIAL, List.of("Bluebird", "Project Orca"));
        List<Finding> found =
                scan(List.of(codenames), "BLUEBIRD ships with project orca; bluebirds and xbluebird do not.");
        assertThat(found)
                .extracting(Finding::start, Finding::end)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0, 8), org.assertj.core.groups.Tuple.tuple(20, 32));
        assertThat(found).allSatisfy(f -> {
            assertThat(f.type()).isEqualTo("CUSTOM:codenames");
            assertThat(f.classification()).isEqualTo(Classification.CONFIDENTIAL);
        });
    }

    @Test
    void thousandsOfTerms_areMatchedInOnePass() {
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            terms.add("customer" + i);
        }
        TermSet customers = new TermSet("customers", null, true, terms, List.of());
        List<Finding> found = scan(List.of(customers), "invoice for Customer4999 and customer12, not customer50000");
        assertThat(found).hasSize(2).allMatch(Finding::redact);
    }

    @Test
    void pattern_isRe2AndReportsEveryMatch() {
        TermSet hosts = new TermSet(
                "hosts", Classification.INTERNAL, false, List.of(), List.of("[a-z0-9-]+\\.corp\\.example\\.net"));
        List<Finding> found = scan(List.of(hosts), "ssh build-01.corp.example.net then db.corp.example.net");
        assertThat(found).hasSize(2).allMatch(f -> f.rule().equals("pattern-1"));
    }

    @Test
    void termsAfterSurrogatePairs_keepUtf16Spans() {
        TermSet codenames = TermSet.classifying("codenames", Classification.RESTRICTED, List.of("nimbus"));
        String text = "\uD83D\uDE80\uD83D\uDE80 Nimbus";
        assertThat(scan(List.of(codenames), text))
                .singleElement()
                .satisfies(f -> assertThat(text.substring(f.start(), f.end())).isEqualTo("Nimbus"));
    }
}
