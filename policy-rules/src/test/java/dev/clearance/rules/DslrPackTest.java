package dev.clearance.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.PolicyEngine;
import dev.clearance.authoring.PackAnalysis;
import dev.clearance.authoring.PackDiff;
import dev.clearance.pack.RulePack;
import dev.clearance.test.PackTests;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The example pack written wholly in business sentences ({@code packs/dslr-pack}). */
class DslrPackTest {
    static Path packDir() throws URISyntaxException {
        return Path.of(DslrPackTest.class.getResource("/packs/dslr-pack").toURI());
    }

    static PolicyEngine engine() throws URISyntaxException {
        return PolicyEngine.builder()
                .rulePack(RulePack.load(packDir()))
                .catalog(DefaultRulePack.catalog())
                .build();
    }

    @TestFactory
    Stream<DynamicNode> dslrCases() throws URISyntaxException {
        return PackTests.forEngine(engine())
                .minCoverage(0.5)
                .failOnAnalysisWarnings()
                .cases(packDir().resolve("cases"));
    }

    @Test
    void dslrPack_decidesEverySituationLikeTheDrlDefaultPack() throws URISyntaxException {
        PackDiff diff = PackDiff.between(
                PolicyEngine.builder().rulePack(DefaultRulePack.v1()).build(), engine());
        assertThat(diff.situations()).isEqualTo(6272);
        assertThat(diff.changes()).isEmpty();
    }

    @Test
    void dslrPack_analysisFindsNothingToWarnAbout() throws URISyntaxException {
        assertThat(PackAnalysis.of(engine()).diagnostics()).isEmpty();
    }
}
