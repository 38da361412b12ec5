package dev.clearance.internal.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.clearance.Classification;
import dev.clearance.ContentScanner;
import dev.clearance.Finding;
import dev.clearance.TermSet;
import dev.clearance.hostile.HostileUnits;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Linear time and robustness on hostile or malformed input. */
class AdversarialInputTest {
    private static final int SIZE = HostileUnits.SIZE;
    private static final ContentScanner SCANNER = ContentScanner.builder()
            .addDefaults()
            .termSets(List.of(TermSet.classifying("codenames", Classification.CONFIDENTIAL, List.of("orca", "a a"))))
            .build();

    static String repeat(String unit) {
        return HostileUnits.repeat(unit, SIZE);
    }

    /** The hostile units ({@link HostileUnits}): {@code hostile()} times them here, {@link LinearWorkTest} counts their work. */
    static final List<String> UNITS = HostileUnits.UNITS;

    static Stream<Arguments> hostile() {
        return UNITS.stream().map(u -> Arguments.of("[" + HostileUnits.name(u) + "]", repeat(u)));
    }

    @BeforeAll
    static void warmUp() {
        hostile().forEach(a -> SCANNER.scan((String) a.get()[1]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void repeatedUnit50k_scansInBoundedTime(String name, String text) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            SCANNER.scan(text);
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.printf("adversarial %-28s %7.2f ms%n", name, best / 1e6);
        // A hang guard, not a speed target: a backtracking or quadratic unit takes minutes on 50k chars. Linearity
        // is LinearWorkTest's (work counters); the speed of these units is the benchmarks' (ScanBenchmark).
        assertThat(best / 1_000_000).isLessThan(5_000);
    }

    @Test
    void emptyAndWhitespace_findNothing() {
        assertThat(SCANNER.scan("")).isEmpty();
        assertThat(SCANNER.scan(" \t\r\n ")).isEmpty();
    }

    @Test
    void nulBytesAndLoneSurrogates_doNotBreakScanning() {
        String text = "\u0000\uD800 mail bob@example.com \uDC00\u0000 card 4111 1111 1111 1111\uD83D";
        List<Finding> found = SCANNER.scan(text);
        assertThat(found).extracting(Finding::type).contains("EMAIL_ADDRESS", "CREDIT_CARD");
        assertThat(found).allSatisfy(f -> assertThat(f.end()).isLessThanOrEqualTo(text.length()));
    }

    @Test
    void emojiBeforeFindings_spansAreUtf16Indices() {
        String token = "ghp_" + SecretDetectorTest.random("abcdefghijklmnopqrstuvwxyz0123456789", 36, 3);
        String text = "\uD83D\uDE00\uD83D\uDC4D token " + token + " and orca at bob@example.com";
        for (Finding f : SCANNER.scan(text)) {
            String value = text.substring(f.start(), f.end());
            switch (f.type()) {
                case "SECRET" -> assertThat(value).isEqualTo(token);
                case "EMAIL_ADDRESS" -> assertThat(value).isEqualTo("bob@example.com");
                case "CUSTOM:codenames" -> assertThat(value).isEqualTo("orca");
                default -> {}
            }
        }
        assertThat(SCANNER.scan(text))
                .extracting(Finding::type)
                .contains("SECRET", "EMAIL_ADDRESS", "CUSTOM:codenames");
    }

    @Test
    void crlfLineEndings_keepSpans() {
        String text = "user=admin\r\npassword=Zq8#pLm2!x\r\nhost=10.1.2.3\r\n";
        List<Finding> found = SCANNER.scan(text);
        assertThat(found)
                .anySatisfy(f -> assertThat(text.substring(f.start(), f.end())).isEqualTo("Zq8#pLm2!x"));
        assertThat(found)
                .anySatisfy(f -> assertThat(text.substring(f.start(), f.end())).isEqualTo("10.1.2.3"));
    }

    @Test
    void tenMegabytesOnOneLine_isScannedWithoutError() {
        String line = "lorem ipsum dolor sit amet, key=value 12345 ".repeat(10 * 1024 * 1024 / 44);
        long t0 = System.nanoTime();
        assertThatCode(() -> SCANNER.scan(line + " bob@example.com")).doesNotThrowAnyException();
        System.out.printf("10 MB single line: %.0f ms%n", (System.nanoTime() - t0) / 1e6);
    }

    @Test
    void allDigitText_findsNothingAndDoesNotThrow() {
        assertThat(SCANNER.scan("7".repeat(SIZE))).isEmpty();
        assertThatCode(() -> SCANNER.scan("0123456789".repeat(SIZE / 10))).doesNotThrowAnyException();
    }
}
