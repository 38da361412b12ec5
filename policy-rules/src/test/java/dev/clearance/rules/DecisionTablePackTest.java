package dev.clearance.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.Diagnostic;
import dev.clearance.PolicyEngine;
import dev.clearance.RulePackCompilationException;
import dev.clearance.authoring.PackAnalysis;
import dev.clearance.authoring.SituationOutcome;
import dev.clearance.pack.RulePack;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The classification table as a decision table (CSV and XLSX) decides exactly like the DRL default pack over the
 * whole enumerated domain: same effect, same redactions, and the same rule ids once a table rule's name
 * {@code classification.internal-no-training[CONFIDENTIAL]} is mapped to the DRL rule it stands for.
 */
class DecisionTablePackTest {
    private static final List<SituationOutcome> DRL = PackAnalysis.of(
                    PolicyEngine.builder().rulePack(DefaultRulePack.v1()).build())
            .outcomes();

    static Path pack(String name) throws URISyntaxException {
        return Path.of(DecisionTablePackTest.class.getResource("/packs/" + name).toURI());
    }

    /** {@code classification.internal-no-training[CONFIDENTIAL]} → {@code classification.internal-no-training}. */
    static Set<String> mapped(List<String> ruleIds) {
        return ruleIds.stream()
                .map(id -> id.replaceFirst("\\[[A-Z]+]$", ""))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"table-csv-pack", "table-xlsx-pack"})
    void decisionTable_decidesEverySituationLikeTheDrlPack(String name) throws URISyntaxException {
        PolicyEngine table =
                PolicyEngine.builder().rulePack(RulePack.load(pack(name))).build();
        PackAnalysis analysis = PackAnalysis.of(table);
        List<SituationOutcome> outcomes = analysis.outcomes();
        assertThat(outcomes).hasSize(DRL.size()).hasSize(6272);
        for (int i = 0; i < outcomes.size(); i++) {
            SituationOutcome t = outcomes.get(i);
            SituationOutcome d = DRL.get(i);
            assertThat(t.situation()).isEqualTo(d.situation());
            String where = t.situation().describe();
            assertThat(t.effect()).as(where).isEqualTo(d.effect());
            assertThat(mapped(t.ruleIds())).as(where).isEqualTo(new TreeSet<>(d.ruleIds()));
            assertThat(t.redactedTypes()).as(where).isEqualTo(d.redactedTypes());
        }
        assertThat(analysis.diagnostics()).isEmpty();
    }

    @Test
    void tablePacks_shareTheDefaultPacksFindingsRules() throws IOException, URISyntaxException {
        String drl = DefaultRulePack.v1().files().stream()
                .filter(f -> f.path().equals("findings.drl"))
                .findFirst()
                .orElseThrow()
                .text();
        for (String name : List.of("table-csv-pack", "table-xlsx-pack")) {
            assertThat(Files.readString(pack(name).resolve("findings.drl"))
                            .replace("package dev.clearance.examples.tables;", "package dev.clearance.policy.v1;"))
                    .isEqualTo(drl);
        }
    }

    @Test
    void decisionTable_badHeader_isADiagnosticOnTheTableFile(@TempDir Path dir) throws IOException, URISyntaxException {
        String csv = Files.readString(pack("table-csv-pack").resolve("matrix.csv"))
                .replace("NAME,CONDITION,CONDITION", "NAME,CONDITON,CONDITION");
        Files.writeString(dir.resolve("matrix.csv"), csv);
        Files.copy(pack("table-csv-pack").resolve("findings.drl"), dir.resolve("findings.drl"));
        Files.writeString(dir.resolve("pack.yaml"), "id: bad-table\nversion: \"1\"\n");
        RulePack pack = RulePack.load(dir);
        try {
            PolicyEngine.builder().rulePack(pack).build();
            throw new AssertionError("expected a compilation failure");
        } catch (RulePackCompilationException e) {
            assertThat(e.diagnostics())
                    .extracting(Diagnostic::format)
                    .containsExactly(
                            "matrix.csv:7:2: error: unknown decision table column header 'CONDITON': expected CONDITION,"
                                    + " ACTION, NAME, DESCRIPTION, PRIORITY or another Drools column type");
        }
    }
}
