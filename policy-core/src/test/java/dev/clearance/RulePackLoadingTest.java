package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clearance.pack.RuleFile;
import dev.clearance.pack.RulePack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulePackLoadingTest {
    @TempDir
    Path dir;

    private void drl(String name) throws IOException {
        Files.writeString(
                dir.resolve(name), TestPacks.HEADER + "rule \"allow\" when Data() then verdict.allow(); end\n");
    }

    @Test
    void fromDirectory_withoutFilesList_loadsEveryRuleFileAndTheCatalogAndTermSets() throws IOException {
        Files.writeString(dir.resolve("pack.yaml"), """
                id: acme
                version: "3"
                description: test pack
                termSets:
                  - name: codenames
                    classification: CONFIDENTIAL
                    terms: [Nightjar]
                  - name: hosts
                    redact: true
                    termsFile: hosts.txt
                """);
        Files.writeString(dir.resolve("hosts.txt"), "# internal hosts\ndb01.corp.example\n\nbuild.corp.example\n");
        Files.writeString(dir.resolve("catalog.yaml"), """
                products:
                  - {id: "acme:gateway", provider: Acme, tier: ENTERPRISE, trainsByDefault: false,
                     optOutAvailable: false, zdrAvailable: false, humanReview: false}
                """);
        Files.createDirectories(dir.resolve("rules"));
        drl("rules/a.drl");

        RulePack pack = RulePack.load(dir);

        assertThat(pack.id()).isEqualTo("acme");
        assertThat(pack.version()).isEqualTo("3");
        assertThat(pack.files()).extracting(RuleFile::path).containsExactly("rules/a.drl");
        assertThat(pack.catalog().find("acme:gateway")).isPresent();
        assertThat(pack.termSets()).hasSize(2);
        assertThat(pack.termSets().get(1).terms()).containsExactly("db01.corp.example", "build.corp.example");
    }

    @Test
    void fromDirectory_withoutManifest_failsWithDiagnostic() {
        assertThatThrownBy(() -> RulePack.load(dir))
                .isInstanceOfSatisfying(
                        RulePackCompilationException.class,
                        e -> assertThat(e.diagnostics().get(0).message()).contains("pack.yaml"));
    }

    @Test
    void fromDirectory_listedFileMissing_failsNamingIt() throws IOException {
        Files.writeString(dir.resolve("pack.yaml"), "id: p\nversion: \"1\"\nfiles: [missing.drl]\n");

        assertThatThrownBy(() -> RulePack.load(dir))
                .isInstanceOf(RulePackCompilationException.class)
                .hasMessageContaining("missing.drl");
    }

    @Test
    void fromDirectory_fileOutsideThePack_isRefused() throws IOException {
        Files.writeString(dir.resolve("pack.yaml"), "id: p\nversion: \"1\"\nfiles: [../escape.drl]\n");

        assertThatThrownBy(() -> RulePack.load(dir))
                .isInstanceOf(RulePackCompilationException.class)
                .hasMessageContaining("outside the pack");
    }

    @Test
    void fromDirectory_unknownManifestKey_reportsItsLine() throws IOException {
        Files.writeString(dir.resolve("pack.yaml"), "id: p\nversion: \"1\"\nauthor: me\n");

        assertThatThrownBy(() -> RulePack.load(dir)).isInstanceOfSatisfying(RulePackCompilationException.class, e -> {
            assertThat(e.diagnostics().get(0).line()).isEqualTo(3);
            assertThat(e.diagnostics().get(0).message()).contains("author");
        });
    }

    @Test
    void fromDirectory_termSetWithoutClassificationOrRedact_isRejected() throws IOException {
        Files.writeString(dir.resolve("pack.yaml"), "id: p\nversion: \"1\"\ntermSets:\n  - {name: x, terms: [a]}\n");
        drl("a.drl");

        assertThatThrownBy(() -> RulePack.load(dir))
                .isInstanceOf(RulePackCompilationException.class)
                .hasMessageContaining("classification or redact");
    }
}
