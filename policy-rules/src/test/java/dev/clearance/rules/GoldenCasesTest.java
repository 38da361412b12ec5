package dev.clearance.rules;

import dev.clearance.test.PackTests;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every golden case file under {@code cases/} against the default pack: one test per case, then coverage.
 * Every rule but custom.classify and custom.redact (which need an organization's term sets, see
 * {@link CustomTermSetsTest}) must act in some case: 8 of 10 rules.
 */
class GoldenCasesTest {

    @TestFactory
    Stream<DynamicNode> goldenCases() throws URISyntaxException {
        Path root = Path.of(GoldenCasesTest.class.getResource("/cases").toURI());
        return PackTests.forPack(DefaultRulePack.v1()).minCoverage(0.8).cases(root);
    }
}
