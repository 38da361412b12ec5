package dev.clearance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.ContentScanner;
import dev.clearance.Finding;
import dev.clearance.rules.DefaultRulePack;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code clearance scan} without {@code --pack} builds the default scanner without reading the built-in pack:
 * that holds only while the built-in pack asks nothing of the scanner.
 */
class ScanDefaultPackTest {
    @Test
    void theBuiltInPackAsksNothingOfTheScanner() {
        var pack = DefaultRulePack.v1();
        assertThat(pack.termSets()).isEmpty();
        assertThat(pack.tuning().isEmpty()).isTrue();
        assertThat(pack.entityTypes()).isEmpty();
        assertThat(pack.phoneRegions()).isEmpty();
    }

    @Test
    void scanWithoutAPack_findsWhatTheBuiltInPacksScannerFinds() {
        String text = "mail ann.lee@example.org, card 4111 1111 1111 1111";
        List<Finding> expected = ContentScanner.builder()
                .addDefaults()
                .pack(DefaultRulePack.v1())
                .build()
                .scan(text);
        CliRun.Result r = CliRun.run("scan", "--text", text);

        assertThat(r.code()).isZero();
        assertThat(expected).extracting(Finding::type).containsExactly("EMAIL_ADDRESS", "CREDIT_CARD");
        for (Finding f : expected) {
            assertThat(r.out())
                    .contains("\"type\":\"" + f.type() + "\"")
                    .contains("\"start\":" + f.start() + ",\"end\":" + f.end());
        }
    }
}
