package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clearance.pack.PackTrust;
import dev.clearance.pack.RuleFile;
import dev.clearance.pack.RulePack;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packs from directories and jars, the built-in DSL, and every kind of broken pack as a located diagnostic. */
class PackLoadingTest {
    static final String HEADER = TestPacks.HEADER;

    static final String DSLR = """
            package test.dslr;
            import dev.clearance.*;
            import dev.clearance.facts.*;
            global dev.clearance.facts.Verdict verdict;

            rule "confidential.no-training"
            when
                the data is at least CONFIDENTIAL
                the destination trains on data
            then
                deny because "no training on confidential data"
            end

            rule "secret.redact"
            when
                there is a secret
            then
                redact the finding because "secrets never leave"
            end

            rule "baseline"
            when
                there is data
            then
                allow the request
            end
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private static List<Diagnostic> diagnosticsOf(Runnable r) {
        try {
            r.run();
        } catch (RulePackCompilationException e) {
            return e.diagnostics();
        }
        throw new AssertionError("expected a RulePackCompilationException");
    }

    @Test
    void fromDirectory_withoutManifest_isADiagnosticNamingPackYaml() {
        List<Diagnostic> d = diagnosticsOf(() -> RulePack.load(dir));
        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.resource()).isEqualTo("pack.yaml");
            assertThat(x.message()).contains("missing pack.yaml");
        });
    }

    @Test
    void fromDirectory_manifestListingMissingFile_pointsAtTheListingLine() throws IOException {
        write("pack.yaml", "id: p\nversion: \"1\"\nfiles:\n  - rules.drl\n  - missing.drl\n");
        write("rules.drl", HEADER + "rule \"r\" when Data() then verdict.allow(); end\n");
        List<Diagnostic> d = diagnosticsOf(() -> RulePack.load(dir));
        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.format()).isEqualTo("pack.yaml:5:1: error: listed file not found: missing.drl");
        });
    }

    @Test
    void fromDirectory_catalogWithUnknownKey_isLocated() throws IOException {
        write("pack.yaml", "id: p\nversion: \"1\"\n");
        write("rules.drl", HEADER + "rule \"r\" when Data() then verdict.allow(); end\n");
        write("catalog.yaml", """
                products:
                  - id: acme:chat
                    provider: Acme
                    colour: red
                    name: Acme Chat
                    tier: CONSUMER
                    trainsByDefault: true
                    optOutAvailable: false
                    zdrAvailable: false
                    humanReview: false
                """);
        List<Diagnostic> d = diagnosticsOf(() -> RulePack.load(dir));
        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.resource()).isEqualTo("catalog.yaml");
            assertThat(x.message()).contains("colour");
            assertThat(x.line()).as(x.format()).isEqualTo(4);
        });
    }

    @Test
    void compile_syntaxError_isLocated() {
        RulePack pack = TestPacks.drl("rule \"broken\"\nwhen\n    Data( classification == \nthen\nend\n");
        List<Diagnostic> d =
                diagnosticsOf(() -> PolicyEngine.builder().rulePack(pack).build());
        assertThat(d).isNotEmpty().allSatisfy(x -> {
            assertThat(x.resource()).isEqualTo("rules/test.drl");
            assertThat(x.line()).isPositive();
        });
    }

    @Test
    void compile_unknownField_isLocatedOnItsLine() {
        RulePack pack =
                TestPacks.drl("rule \"r\"\nwhen\n    Data( colour == \"red\" )\nthen\n    verdict.allow();\nend\n");
        List<Diagnostic> d =
                diagnosticsOf(() -> PolicyEngine.builder().rulePack(pack).build());
        assertThat(d).isNotEmpty();
        assertThat(d.get(0).line()).isEqualTo(7);
        assertThat(d.get(0).message()).contains("colour");
    }

    @Test
    void compile_unknownFactType_isLocatedOnItsLine() {
        RulePack pack = TestPacks.drl("rule \"r\"\nwhen\n    Dta( )\nthen\n    verdict.allow();\nend\n");
        List<Diagnostic> d =
                diagnosticsOf(() -> PolicyEngine.builder().rulePack(pack).build());
        assertThat(d).isNotEmpty();
        assertThat(d.get(0).format()).startsWith("rules/test.drl:7:").contains("Dta");
    }

    @Test
    void compile_unknownEnumConstant_isLocatedAlthoughDroolsSaysLineMinusOne() {
        RulePack pack = TestPacks.drl(
                "rule \"r\"\nwhen\n    Data( classification == Classification.SECRETISH )\nthen\n    verdict.allow();\nend\n");
        List<Diagnostic> d =
                diagnosticsOf(() -> PolicyEngine.builder().rulePack(pack).build());
        assertThat(d).isNotEmpty();
        assertThat(d.get(0).resource()).isEqualTo("rules/test.drl");
        assertThat(d.get(0).line()).isEqualTo(7);
        assertThat(d.get(0).column()).isPositive();
    }

    @Test
    void compile_emptyDslr_isAnErrorOnLineOne() {
        RulePack pack = RulePack.builder("p", "1")
                .builtinDsl()
                .file(RuleFile.of("rules/empty.dslr", "\n"))
                .drl("rules/base.drl", HEADER + "rule \"r\" when Data() then verdict.allow(); end\n")
                .build();
        List<Diagnostic> d =
                diagnosticsOf(() -> PolicyEngine.builder().rulePack(pack).build());
        assertThat(d)
                .singleElement()
                .satisfies(x -> assertThat(x.format()).startsWith("rules/empty.dslr:1:1: error: the file is empty"));
    }

    @Test
    void compile_decisionTableWithBadHeader_isADiagnosticNotAnException() {
        String csv = "RuleSet,test.table\nImport,dev.clearance.*\n\nRuleTable Broken\nCONDITION,BOGUS\n"
                + "Data,\nclassification == $param,verdict.allow()\nclassification,allow\nPUBLIC,X\n";
        RulePack pack = RulePack.builder("p", "1")
                .file(RuleFile.of("table.csv", csv))
                .drl("base.drl", HEADER)
                .build();
        List<Diagnostic> d =
                diagnosticsOf(() -> PolicyEngine.builder().rulePack(pack).build());
        assertThat(d).isNotEmpty().anySatisfy(x -> assertThat(x.resource()).isEqualTo("table.csv"));
    }

    @Test
    void builtinDsl_sentencesCompileAndDecide() throws IOException {
        write("pack.yaml", "id: dslr\nversion: \"1\"\ndsl: builtin\n");
        write("rules/policy.dslr", DSLR);
        RulePack pack = RulePack.load(dir);
        assertThat(pack.files())
                .extracting(RuleFile::path)
                .contains("dev/clearance/dsl/clearance.dsl", "rules/policy.dslr");
        PolicyEngine engine = PolicyEngine.builder().rulePack(pack).build();
        assertThat(engine.ruleIds()).containsExactly("baseline", "confidential.no-training", "secret.redact");
        Decision d = engine.evaluate(PolicyRequest.builder()
                .product("openai:chatgpt-free")
                .classification(Classification.CONFIDENTIAL)
                .build());
        assertThat(d.ruleIds()).containsExactly("confidential.no-training");
    }

    @Test
    void manifest_unknownDsl_isLocated() throws IOException {
        write("pack.yaml", "id: dslr\nversion: \"1\"\ndsl: fancy\n");
        write("rules/policy.dslr", DSLR);
        List<Diagnostic> d = diagnosticsOf(() -> RulePack.load(dir));
        assertThat(d)
                .singleElement()
                .satisfies(x -> assertThat(x.format()).startsWith("pack.yaml:3:1: error: unknown dsl 'fancy'"));
    }

    @Test
    void fromJar_findsThePackFolderAndLoadsIt() throws IOException {
        Path jar = dir.resolve("pack.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            put(zip, "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n");
            put(zip, "com/acme/policy/pack.yaml", "id: acme\nversion: \"3\"\n");
            put(
                    zip,
                    "com/acme/policy/rules.drl",
                    HEADER + "rule \"acme.allow\" when Data() then verdict.allow(); end\n");
        }
        RulePack pack = RulePack.load(jar);
        assertThat(pack.id()).isEqualTo("acme");
        assertThat(pack.files()).extracting(RuleFile::path).containsExactly("rules.drl");
        assertThat(RulePack.load(jar).version()).isEqualTo("3");
        assertThat(RulePack.load(jar, "com/acme/policy", PackTrust.none()).files())
                .hasSize(1);
        assertThatThrownBy(() -> RulePack.load(jar, "com/other", PackTrust.none()))
                .isInstanceOf(RulePackCompilationException.class);
    }

    private static void put(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        OutputStream out = zip;
        out.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
