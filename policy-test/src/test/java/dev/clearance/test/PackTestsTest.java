package dev.clearance.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clearance.pack.RulePack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class PackTestsTest {
    static final RulePack PACK =
            RulePack.builder("kit", "1").drl("rules.drl", """
            package kit;
            import dev.clearance.*;
            import dev.clearance.facts.*;
            global dev.clearance.facts.Verdict verdict;

            rule "deny.restricted"
            when
                Data( classification == Classification.RESTRICTED )
            then
                verdict.deny("restricted");
            end

            rule "allow.rest"
            when
                Data()
            then
                verdict.allow();
            end

            rule "redact.secret"
            when
                $f : Finding( category == FindingCategory.SECRET )
            then
                verdict.redact($f);
            end
            """).build();

    @TempDir
    Path dir;

    record Run(String name, Throwable failure) {}

    /** Runs the dynamic tests in order, as JUnit would. */
    static List<Run> execute(Stream<DynamicNode> nodes) {
        List<Run> runs = new ArrayList<>();
        nodes.forEach(n -> collect(n, runs));
        return runs;
    }

    private static void collect(DynamicNode n, List<Run> runs) {
        if (n instanceof DynamicContainer c) {
            c.getChildren().forEach(ch -> collect(ch, runs));
        } else {
            Executable e = ((DynamicTest) n).getExecutable();
            Throwable failure = null;
            try {
                e.execute();
            } catch (Throwable t) {
                failure = t;
            }
            runs.add(new Run(n.getDisplayName(), failure));
        }
    }

    private Path cases(String name, String yaml) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, yaml);
        return p;
    }

    @Test
    void cases_oneNamedTestPerCase_thenCoverage() throws IOException {
        cases("area/restricted.yaml", """
                cases:
                  - name: restricted is denied
                    request: {destination: {provider: acme, tier: LOCAL}, data: {classification: RESTRICTED}}
                    expect: {effect: DENY, reasons: [deny.restricted]}
                  - name: wrong expectation
                    request: {destination: {provider: acme, tier: LOCAL}, data: {classification: RESTRICTED}}
                    expect: {effect: ALLOW}
                """);
        List<Run> runs = execute(PackTests.forPack(PACK).minCoverage(1.0).cases(dir));
        assertThat(runs)
                .extracting(Run::name)
                .containsExactly(
                        "area/restricted.yaml: restricted is denied",
                        "area/restricted.yaml: wrong expectation",
                        "rule coverage (at least 100%)");
        assertThat(runs.get(0).failure()).isNull();
        assertThat(runs.get(1).failure()).hasMessageContaining("expected effect ALLOW but was DENY");
        assertThat(runs.get(2).failure())
                .hasMessageContaining("2/3 rules fired")
                .hasMessageContaining("no case fired [redact.secret]");
    }

    @Test
    void cases_ruleOverriddenByADeny_stillCountsAsCovered() throws IOException {
        cases("c.yaml", """
                cases:
                  - name: restricted is denied
                    request: {destination: {provider: acme, tier: API}, data: {classification: RESTRICTED}}
                    expect: {effect: DENY}
                """);
        List<Run> runs = execute(PackTests.forPack(PACK).minCoverage(0.6).cases(dir.resolve("c.yaml")));
        assertThat(runs).allSatisfy(r -> assertThat(r.failure()).isNull());
    }

    @Test
    void cases_fileWithUnknownField_isOneFailingTestNamingTheField() throws IOException {
        cases("bad.yaml", """
                cases:
                  - name: typo
                    request: {destination: {provider: acme, tier: API}, data: {classification: PUBLIC}}
                    expect: {effect: ALLOW, reason: [x]}
                """);
        List<Run> runs = execute(PackTests.forPack(PACK).cases(dir));
        assertThat(runs.get(0).name()).isEqualTo("bad.yaml: loads");
        assertThat(runs.get(0).failure()).hasMessageContaining("reason");
    }

    @Test
    void cases_fileWithThreeProblems_failsOnceNamingEveryProblemWithLineAndColumn() throws IOException {
        cases("three.yaml", """
                cases:
                  - name: one
                    request: {destination: {provider: acme, tier: API}, data: {classification: PUBLICK}}
                    expect: {effect: ALLOW}
                  - name: two
                    request: {destination: {provider: acme, tier: API}}
                    expect: {effect: PERMIT}
                  - name: three
                    request: {destination: {provider: acme, tier: API}}
                    expect: {effect: ALLOW, reason: [x]}
                """);
        List<Run> runs = execute(PackTests.forPack(PACK).cases(dir));
        assertThat(runs.get(0).name()).isEqualTo("three.yaml: loads");
        assertThat(runs.get(0).failure().getMessage().lines())
                .contains("three.yaml does not load: 3 problem(s)")
                .anySatisfy(l -> assertThat(l).startsWith("three.yaml:3:").contains("data.classification"))
                .anySatisfy(l -> assertThat(l).startsWith("three.yaml:7:").contains("cases[1].expect.effect"))
                .anySatisfy(l -> assertThat(l).startsWith("three.yaml:10:").contains("cases[2].expect.reason"));
        assertThat(runs.get(0).failure().getMessage()).doesNotContain("PUBLICK");
    }

    @Test
    void failOnAnalysisWarnings_packWithoutBaselineForSome_failsTheAnalysisTest() throws IOException {
        cases("c.yaml", """
                cases:
                  - name: restricted is denied
                    request: {destination: {provider: acme, tier: API}, data: {classification: RESTRICTED}}
                    expect: {effect: DENY}
                """);
        RulePack denyOnly = RulePack.builder("kit", "2").drl("rules.drl", """
                package kit;
                import dev.clearance.*;
                import dev.clearance.facts.*;
                global dev.clearance.facts.Verdict verdict;
                rule "deny.restricted"
                when
                    Data( classification == Classification.RESTRICTED )
                then
                    verdict.deny("restricted");
                end
                """).build();
        List<Run> runs =
                execute(PackTests.forPack(denyOnly).failOnAnalysisWarnings().cases(dir));
        assertThat(runs)
                .extracting(Run::name)
                .containsExactly("c.yaml: restricted is denied", "pack analysis", "rule coverage");
        assertThat(runs.get(1).failure()).hasMessageContaining("fall to default-deny");
        assertThat(execute(PackTests.forPack(PACK).failOnAnalysisWarnings().cases(dir))
                        .get(1)
                        .failure())
                .isNull();
    }

    @Test
    void cases_noCaseFiles_isRejected() {
        assertThatThrownBy(() -> PackTests.forPack(PACK).cases(dir)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PackTests.forPack(PACK).minCoverage(2)).isInstanceOf(IllegalArgumentException.class);
    }
}
