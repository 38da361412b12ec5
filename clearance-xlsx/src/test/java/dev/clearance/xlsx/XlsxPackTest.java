package dev.clearance.xlsx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clearance.Diagnostic;
import dev.clearance.PolicyEngine;
import dev.clearance.RulePackCompilationException;
import dev.clearance.authoring.PackAnalysis;
import dev.clearance.authoring.SituationOutcome;
import dev.clearance.internal.pack.XlsxTables;
import dev.clearance.pack.RulePack;
import dev.clearance.rules.DefaultRulePack;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With clearance-xlsx on the classpath, the classification table as an XLSX decision table decides exactly like
 * the DRL default pack over the whole enumerated domain (the CSV form is tested in policy-rules).
 */
class XlsxPackTest {
    static Path pack() throws URISyntaxException {
        return Path.of(XlsxPackTest.class.getResource("/packs/table-xlsx-pack").toURI());
    }

    /** {@code classification.internal-no-training[CONFIDENTIAL]} → {@code classification.internal-no-training}. */
    static Set<String> mapped(List<String> ruleIds) {
        return ruleIds.stream()
                .map(id -> id.replaceFirst("\\[[A-Z]+]$", ""))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void serviceLoader_findsThePoiImplementation() {
        assertThat(XlsxTables.installed()).containsInstanceOf(dev.clearance.xlsx.internal.PoiXlsxTables.class);
    }

    @Test
    void xlsxDecisionTable_decidesEverySituationLikeTheDrlPack() throws URISyntaxException {
        List<SituationOutcome> drl = PackAnalysis.of(
                        PolicyEngine.builder().rulePack(DefaultRulePack.v1()).build())
                .outcomes();
        PackAnalysis analysis = PackAnalysis.of(
                PolicyEngine.builder().rulePack(RulePack.load(pack())).build());
        List<SituationOutcome> outcomes = analysis.outcomes();
        assertThat(outcomes).hasSize(drl.size()).hasSize(6272);
        for (int i = 0; i < outcomes.size(); i++) {
            SituationOutcome t = outcomes.get(i);
            SituationOutcome d = drl.get(i);
            assertThat(t.situation()).isEqualTo(d.situation());
            String where = t.situation().describe();
            assertThat(t.effect()).as(where).isEqualTo(d.effect());
            assertThat(mapped(t.ruleIds())).as(where).isEqualTo(new TreeSet<>(d.ruleIds()));
            assertThat(t.redactedTypes()).as(where).isEqualTo(d.redactedTypes());
        }
        assertThat(analysis.diagnostics()).isEmpty();
    }

    @Test
    void xlsxPack_sharesTheDefaultPacksFindingsRules() throws IOException, URISyntaxException {
        String drl = DefaultRulePack.v1().files().stream()
                .filter(f -> f.path().equals("findings.drl"))
                .findFirst()
                .orElseThrow()
                .text();
        assertThat(Files.readString(pack().resolve("findings.drl"))
                        .replace("package dev.clearance.examples.tables;", "package dev.clearance.policy.v1;"))
                .isEqualTo(drl);
    }

    @Test
    void xlsxDecisionTable_badHeader_isADiagnosticOnTheTableFile(@TempDir Path dir)
            throws IOException, URISyntaxException {
        List<List<String>> rows = new ArrayList<>(XlsxTableGenerator.readXlsx(pack().resolve("matrix.xlsx")));
        for (int r = 0; r < rows.size(); r++) {
            int c = rows.get(r).indexOf("CONDITION");
            if (c >= 0) {
                List<String> header = new ArrayList<>(rows.get(r));
                header.set(c, "CONDITON");
                rows.set(r, header);
                break;
            }
        }
        try (OutputStream out = Files.newOutputStream(dir.resolve("matrix.xlsx"))) {
            XlsxTableGenerator.write(rows, out);
        }
        Files.copy(pack().resolve("findings.drl"), dir.resolve("findings.drl"));
        Files.writeString(dir.resolve("pack.yaml"), "id: bad-xlsx-table\nversion: \"1\"\n");
        RulePack pack = RulePack.load(dir);

        assertThatThrownBy(() -> PolicyEngine.builder().rulePack(pack).build())
                .isInstanceOfSatisfying(
                        RulePackCompilationException.class,
                        e -> assertThat(e.diagnostics())
                                .extracting(Diagnostic::format)
                                .singleElement()
                                .asString()
                                .startsWith("matrix.xlsx:")
                                .contains("unknown decision table column header 'CONDITON'"));
    }

    @Test
    void notAWorkbook_isADiagnosticNotAnException(@TempDir Path dir) throws IOException, URISyntaxException {
        Files.write(dir.resolve("matrix.xlsx"), new byte[] {'P', 'K', 3, 4});
        Files.copy(pack().resolve("findings.drl"), dir.resolve("findings.drl"));
        Files.writeString(dir.resolve("pack.yaml"), "id: broken-xlsx\nversion: \"1\"\n");
        RulePack pack = RulePack.load(dir);

        assertThatThrownBy(() -> PolicyEngine.builder().rulePack(pack).build())
                .isInstanceOfSatisfying(
                        RulePackCompilationException.class,
                        e -> assertThat(e.diagnostics())
                                .extracting(Diagnostic::format)
                                .containsExactly(
                                        "matrix.xlsx:0:0: error: cannot read the spreadsheet: NotOfficeXmlFileException"));
    }
}
