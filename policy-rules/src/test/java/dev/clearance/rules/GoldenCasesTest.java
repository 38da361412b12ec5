package dev.clearance.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.Decision;
import dev.clearance.PolicyCase;
import dev.clearance.PolicyEngine;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Runs every golden case file under {@code cases/} against the default pack: one test per case. */
class GoldenCasesTest {
    private static final PolicyEngine ENGINE = PolicyEngine.builder().rulePack(DefaultRulePack.v1()).build();

    @TestFactory
    Stream<DynamicNode> goldenCases() throws IOException, URISyntaxException {
        Path root = Path.of(GoldenCasesTest.class.getResource("/cases").toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".json")).sorted()
                    .toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream().map(file -> DynamicContainer.dynamicContainer(root.relativize(file).toString(),
                casesOf(root.relativize(file).toString(), file)));
    }

    private static Stream<DynamicTest> casesOf(String name, Path file) {
        List<PolicyCase> cases;
        try {
            cases = PolicyCase.load(file);
        } catch (RuntimeException e) {
            return Stream.of(DynamicTest.dynamicTest(name + ": loads", () -> {
                throw e;
            }));
        }
        return cases.stream().map(c -> DynamicTest.dynamicTest(name + ": " + c.name(), () -> {
            Decision d = ENGINE.evaluate(c.request());
            assertThat(c.check(d)).as(c.name()).isEmpty();
        }));
    }
}
