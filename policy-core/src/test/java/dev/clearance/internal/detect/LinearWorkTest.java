package dev.clearance.internal.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.hostile.HostileUnits;
import dev.clearance.internal.detect.pii.PiiDetector;
import dev.clearance.internal.detect.secret.SecretDetector;
import dev.clearance.internal.detect.secret.SecretRules;
import dev.clearance.internal.normalize.View;
import dev.clearance.internal.normalize.Views;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Linearity guard that does not depend on the clock: the detectors count the work they do (chars handed to RE2J,
 * chars examined by bounded candidate checks, keyword hits), and ten times the text must cost at most about ten
 * times the work, with a bounded amount of work per char. A quadratic path shows up here as a 100x jump.
 */
class LinearWorkTest {
    private static final SecretDetector SECRETS = new SecretDetector(SecretRules.all());
    private static final PiiDetector PII = new PiiDetector();
    private static final int SMALL = 100 * 1024;
    private static final int LARGE = 1024 * 1024;

    static Stream<Arguments> texts() {
        Stream<Arguments> mixed = Stream.of(Arguments.of("mixed prose/code/config", "mixed"));
        Stream<Arguments> hostile =
                HostileUnits.UNITS.stream().map(u -> Arguments.of("[" + HostileUnits.name(u) + "]", u));
        return Stream.concat(mixed, hostile);
    }

    static String text(String unit, int size) {
        if (unit.equals("mixed")) {
            return ScanBench.mixed(size, 42);
        }
        return HostileUnits.repeat(unit, size);
    }

    /** The work of the whole scan: detectors on the text, building the views, and detectors on every view. */
    static long work(String text) {
        long work = detectors(text) + Views.work(text);
        for (View view : Views.of(text)) {
            work += detectors(view.text());
        }
        return work;
    }

    private static long detectors(String text) {
        return SECRETS.detectCounting(text, f -> {}) + PII.detectCounting(text, f -> {});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void workGrowsLinearly(String name, String unit) {
        long small = work(text(unit, SMALL));
        long large = work(text(unit, LARGE));
        System.out.printf(
                "work %-28s 100 KB: %9d (%.2f/char)  1 MB: %10d (%.2f/char)%n",
                name, small, small / (double) SMALL, large, large / (double) LARGE);
        // 10.24x the chars: allow 12x the work (plus a little for edges) and a bounded cost per char
        assertThat(large).isLessThanOrEqualTo(12 * small + 4096);
        assertThat(large / (double) LARGE).isLessThan(600.0);
    }
}
