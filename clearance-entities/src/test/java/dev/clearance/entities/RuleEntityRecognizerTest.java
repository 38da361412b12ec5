package dev.clearance.entities;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.ContentScanner;
import dev.clearance.Finding;
import dev.clearance.FindingCategory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RuleEntityRecognizerTest {
    private static final RuleEntityRecognizer RECOGNIZER = new RuleEntityRecognizer();

    private static List<Finding> scan(String text) {
        List<Finding> out = new ArrayList<>();
        RECOGNIZER.detect(text, out::add);
        return out;
    }

    private static boolean found(String text, String value, String type) {
        int start = text.indexOf(value);
        return scan(text).stream()
                .anyMatch(f -> f.type().equals(type) && f.start() == start && f.end() == start + value.length());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Please ask John Smith about it|John Smith|PERSON",
                "The letter to Mrs. Okafor arrived|Okafor|PERSON",
                "Hello, my name is Carla Jiménez.|Carla Jiménez|PERSON",
                "Hans Müller, Hauptstraße 5, 10115 Berlin|Hauptstraße 5, 10115 Berlin|LOCATION",
                "Ship it to 742 Evergreen Terrace, Springfield today|742 Evergreen Terrace, Springfield|LOCATION",
                "Elle habite 12 rue de la Paix.|12 rue de la Paix|LOCATION",
                "She moved to Germany last year|Germany|LOCATION",
                "He works for Initech Ltd. since May|Initech Ltd.|ORGANIZATION",
                "Invoices go to Muster Bau GmbH in Köln|Muster Bau GmbH|ORGANIZATION",
                "Patient DOB: 04/07/1962, seen today|04/07/1962|DATE_TIME",
                "She was born on 12 March 1985 in Leeds|12 March 1985|DATE_TIME",
                "geboren am 1985-03-12 in Bonn|1985-03-12|DATE_TIME",
                "We read Agnieszka Wróbel's report twice|Agnieszka Wróbel|PERSON",
                "hi, my name is tomasz nowak and I need help|tomasz nowak|PERSON",
                "\"It is late,\" says Kowalczyk.|Kowalczyk|PERSON",
                "Zdenka lives near the station|Zdenka|PERSON",
                "The film was directed by Orrin Quade last year|Orrin Quade|PERSON",
                "Send it to 18 Lindenweg 4, Apt. 2, Utrecht please|18 Lindenweg 4, Apt. 2, Utrecht|LOCATION",
                "Write to P.O. Box 4410, Halifax|P.O. Box 4410, Halifax|LOCATION",
                "I used to work for Quillworth as a tester|Quillworth|ORGANIZATION",
                "See the Brightmoor Analytics website for prices|Brightmoor Analytics|ORGANIZATION",
                "Ask Baker, Lewis and Turner about the contract|Baker, Lewis and Turner|ORGANIZATION",
                "She studied at the University of Tromsø in winter|Tromsø|LOCATION",
                "Meet at the corner of Elm Street and Pine Avenue today|the corner of Elm Street and Pine Avenue|LOCATION",
            })
    void findsEntitiesAsPeopleWriteThem(String text, String value, String type) {
        assertThat(found(text, value, type)).as(type).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "the build is green and the tests pass",
                "May we ship this on Monday?",
                "Call the function with 3 arguments",
                "Use the Street View API for the demo"
            })
    void ordinaryProse_holdsNoPerson(String text) {
        assertThat(scan(text)).noneMatch(f -> f.type().equals("PERSON"));
    }

    @Test
    void addressBlock_spansTheLinesOfAnAddress() {
        String text = "Ship to:\n27 Kastanjelaan 9\nSuite 12\nArnhem\nNetherlands 6811\nThanks";
        assertThat(found(text, "27 Kastanjelaan 9\nSuite 12\nArnhem\nNetherlands 6811", "LOCATION"))
                .isTrue();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // a name line right above an address: the number on the next line does not end the name
                "Peter Novak\\n14 Harbour Road\\nCork|Peter Novak|PERSON",
                // a middle initial makes a name of unlisted words
                "The report by Quorwin R. Ashdale arrived|Quorwin R. Ashdale|PERSON",
                "The report by Quorwin R Ashdale arrived|Quorwin R Ashdale|PERSON",
                // speakers at the start of a line
                "Maria: are you coming?\\nPeter: yes, at six|Maria|PERSON",
                "Maria: are you coming?\\nPeter: yes, at six|Peter|PERSON",
                // a text written all in lower case
                "please call maria lopez tomorrow|maria lopez|PERSON",
                // the middle line of a contact block
                "Peter Novak\\nQuorvia\\n12 Mill Lane\\nLeeds|Quorvia|ORGANIZATION",
                "Peter Novak\\nQuorvia Data Works\\nPeter Novak|Quorvia Data Works|ORGANIZATION",
                // a place written in capitals after a preposition
                "We flew to TRONDVIK yesterday|TRONDVIK|LOCATION",
                "Persint is a German multinational in retail|Persint|ORGANIZATION"
            })
    void findsNamesByTheirLayout(String text, String value, String type) {
        String t = text.replace("\\n", "\n");
        assertThat(found(t, value, type)).as(type).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Subject: the build\nNote: see above",
                "mark the build as green and may it pass",
                "Peter Novak\nis here\n12 Mill Lane",
                "We flew to the USA and to NYC"
            })
    void layoutCuesNeedTheirWholeShape(String text) {
        String t = text.replace("\\n", "\n");
        assertThat(scan(t))
                .noneMatch(f -> f.type().equals("ORGANIZATION") || f.rule().equals("lower-case-name"))
                .noneMatch(f -> f.type().equals("PERSON") && !t.startsWith("Peter", f.start()));
        assertThat(scan(t))
                .noneMatch(f -> f.type().equals("LOCATION") && f.rule().equals("after-preposition"));
    }

    @Test
    void anAddressUnderAName_reportsItsLinesAsParts() {
        String text = "Peter Novak\n12 Kastanjelaan 9\nSuite 4\nArnhem\nNetherlands 6811";
        assertThat(found(text, "12 Kastanjelaan 9\nSuite 4\nArnhem\nNetherlands 6811", "LOCATION"))
                .isFalse();
        for (String part : List.of("12", "Kastanjelaan 9", "Suite 4", "Arnhem", "Netherlands", "6811")) {
            int start = text.indexOf(part, text.indexOf('\n'));
            assertThat(scan(text))
                    .as(part)
                    .anyMatch(f ->
                            f.rule().equals("address-part") && f.start() == start && f.end() == start + part.length());
        }
        // inline, after "ship to", the address is one finding
        String inline = "Ship to 12 Kastanjelaan 9\nSuite 4\nArnhem";
        assertThat(scan(inline)).noneMatch(f -> f.rule().equals("address-part"));
        assertThat(found(inline, "12 Kastanjelaan 9\nSuite 4\nArnhem", "LOCATION"))
                .isTrue();
        // a building number before a street number, on one line: the address and its two parts
        String numbers = "The shop is at 4410 12 Harbour Road";
        assertThat(found(numbers, "4410 12 Harbour Road", "LOCATION")).isTrue();
        assertThat(found(numbers, "4410", "LOCATION")).isTrue();
        assertThat(found(numbers, "12 Harbour Road", "LOCATION")).isTrue();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Our founders: Orla Quinn, Tadhg Ruane and Ciarán Lowry.|Tadhg Ruane|PERSON",
                "Our founders: Orla Quinn, Tadhg Ruane and Ciarán Lowry.|Ciarán Lowry|PERSON",
                "Oisín, can you send the file?|Oisín|PERSON",
                "Hi Tadhg, thanks for the call|Tadhg|PERSON",
                "Gráinne: \"Where is it?\"|Gráinne|PERSON",
                "I want to add my son Tadhg to the account|Tadhg|PERSON",
                "I'm Tadhg Ruane, from Galway|Tadhg Ruane|PERSON",
                "The talk by Gráinne Lowry was good|Gráinne Lowry|PERSON",
                "Ruane is from Galway and likes it|Ruane|PERSON",
                "They moved to Maria last year|Maria|LOCATION",
                "we flew from oslo to bergen|oslo|LOCATION",
                "follow up with ms. Ruane today|Ruane|PERSON"
            })
    void findsPeopleAndPlacesByTheirCues(String text, String value, String type) {
        String t = text.replace("\\n", "\n");
        assertThat(found(t, value, type)).as(type).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Founded in 1977. Since then it grew",
                "Bot: Where should it go?",
                "Musicians You Are Supposed To Hate",
                "SELECT name FROM Users WHERE id = 1"
            })
    void yearsTitlesAndTranscriptLabels_areNoPeopleOrPlaces(String text) {
        assertThat(scan(text))
                .noneMatch(f -> f.type().equals("PERSON") || f.type().equals("LOCATION"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"During 1980, the team grew", "Top 5 Reasons Of The Year 2020 were these"})
    void numbersInProse_areNoAddress(String text) {
        assertThat(scan(text)).noneMatch(f -> f.rule().equals("address-block"));
    }

    @Test
    void aDateOfBirthIsSurerThanAnyDate() {
        Finding dob = scan("DOB 1970-01-31").get(0);
        Finding date = scan("released 1970-01-31").get(0);
        assertThat(dob.confidence()).isGreaterThan(date.confidence());
        assertThat(dob.rule()).isEqualTo("date-of-birth");
    }

    @Test
    void entities_areOrdinaryPii_notHighRisk() {
        assertThat(scan("Please ask John Smith about it"))
                .allMatch(f -> f.category() == FindingCategory.PII && !f.highRisk());
    }

    @Test
    void theScannerFindsTheRecognizerThroughTheServiceLoader() {
        ContentScanner scanner =
                ContentScanner.builder().addDefaults().addEntityRecognizers().build();
        assertThat(scanner.detectors()).anyMatch(d -> d instanceof RuleEntityRecognizer);
        assertThat(scanner.scan("Please ask John Smith about it"))
                .anyMatch(f -> f.type().equals("PERSON"));
    }

    @Test
    void wordListsAreLoaded() {
        int[] sizes = RuleEntityRecognizer.listSizes();
        assertThat(sizes[0]).isGreaterThan(1000);
        assertThat(sizes[1]).isGreaterThan(1000);
        assertThat(sizes[2]).isGreaterThan(100);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Mr John 12 Main Street, 10115 Berlin, Acme Inc born 1.2.1990 ",
                "12 Ab Cd 3\nSuite 4\nEf\n",
                "the corner of Ab 1 and ",
                "P.O. Box 1, ",
                "says Ab ",
                "my name is ab ",
                "Ann Lee\n12 Ab 3\nSuite 4\nEf Gh\nIj 12345\n",
                "Ann Lee\nAb Cd\nAnn Lee\n",
                "ann: hi ann lee ",
                "Ab C. De "
            })
    void workGrowsLinearly(String unit) {
        long small = RECOGNIZER.detectCounting(unit.repeat(1000), f -> {});
        long large = RECOGNIZER.detectCounting(unit.repeat(10000), f -> {});
        assertThat(large).isLessThanOrEqualTo(11 * small);
    }
}
