package dev.clearance.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/**
 * The classification table as a CSV decision table decides exactly like the DRL default pack over the
 * whole enumerated domain: same effect, same redactions, and the same rule ids once a table rule's name
 * {@code classification.internal-no-training[CONFIDENTIAL]} is mapped to the DRL rule it stands for. The XLSX form
 * of the same table is tested in clearance-xlsx, the optional module that XLSX tables need.
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

    @Test
    void csvDecisionTable_decidesEverySituationLikeTheDrlPack() throws URISyntaxException {
        PolicyEngine table = PolicyEngine.builder()
                .rulePack(RulePack.load(pack("table-csv-pack")))
                .build();
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
        assertThat(Files.readString(pack("table-csv-pack").resolve("findings.drl"))
                        .replace("package dev.clearance.examples.tables;", "package dev.clearance.policy.v1;"))
                .isEqualTo(drl);
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

    @Test
    void xlsxDecisionTable_withoutTheXlsxModule_failsToCompileNamingTheModule(@TempDir Path dir)
            throws IOException, URISyntaxException {
        // policy-rules' test classpath has neither clearance-xlsx nor Apache POI, as a slim consumer's has not
        Files.write(dir.resolve("matrix.xlsx"), new byte[] {'P', 'K', 3, 4});
        Files.copy(pack("table-csv-pack").resolve("findings.drl"), dir.resolve("findings.drl"));
        Files.writeString(dir.resolve("pack.yaml"), "id: xlsx-table\nversion: \"1\"\n");
        RulePack pack = RulePack.load(dir);

        assertThatThrownBy(() -> PolicyEngine.builder().rulePack(pack).build())
                .isInstanceOfSatisfying(
                        RulePackCompilationException.class,
                        e -> assertThat(e.diagnostics())
                                .extracting(Diagnostic::format)
                                .containsExactly("matrix.xlsx:0:0: error: XLSX decision tables need the module"
                                        + " dev.clearance:clearance-xlsx on the classpath; add it as a dependency, or convert"
                                        + " the table to CSV"));
    }
}
