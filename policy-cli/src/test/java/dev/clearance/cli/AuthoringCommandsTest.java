package dev.clearance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check, test and diff: located diagnostics, coverage, decision changes; bad input never as a stack trace. */
class AuthoringCommandsTest {
    static final Path DSLR_PACK = Path.of("../policy-rules/src/test/resources/packs/dslr-pack");
    static final Path CSV_PACK = Path.of("../policy-rules/src/test/resources/packs/table-csv-pack");
    static final String HEADER = """
            package p;
            import dev.clearance.*;
            import dev.clearance.facts.*;
            global dev.clearance.facts.Verdict verdict;
            """;

    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {
        String lastLine() {
            return out.strip().lines().reduce((a, b) -> b).orElse("");
        }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ClearanceCli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    private Path pack(String manifest, String... files) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("pack"));
        if (manifest != null) {
            Files.writeString(dir.resolve("pack.yaml"), manifest);
        }
        for (int i = 0; i < files.length; i += 2) {
            Path f = dir.resolve(files[i]);
            Files.createDirectories(f.getParent());
            Files.writeString(f, files[i + 1]);
        }
        return dir;
    }

    private static void assertNoStackTrace(Result r) {
        assertThat(r.out() + r.err()).doesNotContain("\tat ").doesNotContain("Exception in thread");
    }

    @Test
    void check_defaultPack_compilesAndAnalysesWithoutWarnings() {
        Result r = run("check", "default", "--strict");
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains("compiled clearance-default@1, 10 rules")
                .contains("analysed 6272 situations")
                .contains("0 warning(s)");
    }

    @Test
    void check_shippedDefaultPackDirectory_isClean() {
        Result r = run("check", "--strict", "../policy-rules/src/main/resources/dev/clearance/policy/v1");
        assertThat(r.code()).as(r.out()).isZero();
    }

    @Test
    void check_dslrAndTablePacks_areClean() {
        assertThat(run("check", "--strict", DSLR_PACK.toString()).code()).isZero();
        assertThat(run("check", "--strict", CSV_PACK.toString()).code()).isZero();
    }

    @Test
    void check_packInAJar_isLoadedAndErrorsNameTheEntry() throws IOException {
        Path jar = tmp.resolve("acme.jar");
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("com/acme/pack.yaml"));
            zip.write("id: acme\nversion: \"1\"\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.putNextEntry(new java.util.zip.ZipEntry("com/acme/rules.drl"));
            zip.write((HEADER + "rule \"x\"\nwhen\n    Data( colour == 1 )\nthen\nend\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Result r = run("check", jar.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains(jar + "!/rules.drl:7:");
    }

    @Test
    void check_dot_insideThePackDirectory_compiles() throws Exception {
        Path dir = pack(
                "id: here\nversion: \"1\"\n",
                "rules/allow.drl",
                HEADER + "rule \"allow\" when Data() then verdict.allow(\"ok\"); end\n");
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        ClearanceCli.class.getName(),
                        "check",
                        "--no-analysis",
                        ".")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains(".: compiled here@1, 1 rules");
        assertThat(p.exitValue()).isZero();
    }

    @Test
    void check_ruleFileLinkedFromOutsideThePack_isRefused() throws IOException {
        Path outside = Files.writeString(
                tmp.resolve("elsewhere.drl"), HEADER + "rule \"allow\" when Data() then verdict.allow(\"ok\"); end\n");
        Path dir = pack("id: linked\nversion: \"1\"\nfiles: [rules.drl]\n");
        Files.createSymbolicLink(dir.resolve("rules.drl"), outside);

        Result r = run("check", dir.toString());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("file outside the pack (through a symbolic link): rules.drl");
        assertNoStackTrace(r);
    }

    @Test
    void check_withTrustedKey_refusesAnUnsignedPack() throws IOException {
        Path keys = tmp.resolve("keys");
        Files.createDirectories(keys);
        assertThat(run("keygen", "--out", keys.resolve("k").toString()).code()).isZero();
        Path dir = pack(
                "id: unsigned\nversion: \"1\"\n",
                "rules.drl",
                HEADER + "rule \"allow\" when Data() then verdict.allow(\"ok\"); end\n");

        Result r = run("check", "--trusted-key", keys.resolve("k.pub.pem").toString(), dir.toString());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("not signed");
        assertNoStackTrace(r);
    }

    @Test
    void check_dirWithoutManifest_isOneLocatedError() throws IOException {
        Path dir = pack(null, "rules.drl", HEADER);
        Result r = run("check", dir.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains(dir.resolve("pack.yaml") + ":0:0: error: missing pack.yaml");
        assertNoStackTrace(r);
    }

    @Test
    void check_manifestListingMissingFile_pointsAtTheLine() throws IOException {
        Path dir = pack("id: p\nversion: \"1\"\nfiles:\n  - gone.drl\n");
        Result r = run("check", dir.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains(dir.resolve("pack.yaml") + ":4:1: error: listed file not found: gone.drl");
    }

    @Test
    void check_syntaxError_isLocated() throws IOException {
        Path dir = pack("id: p\nversion: \"1\"\n", "rules.drl", HEADER + "rule \"x\"\nwhen\n    Data(\nthen\nend\n");
        Result r = run("check", dir.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).containsPattern(".*rules\\.drl:\\d+:\\d+: error: .*");
        assertNoStackTrace(r);
    }

    @Test
    void check_unknownEnumConstant_isLocatedOnItsLine() throws IOException {
        Path dir = pack(
                "id: p\nversion: \"1\"\n",
                "rules.drl",
                HEADER
                        + "rule \"x\"\nwhen\n    Data( classification == Classification.TOP_SECRET )\nthen\n    verdict.allow();\nend\n");
        Result r = run("check", dir.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).containsPattern(".*rules\\.drl:7:\\d+: error: .*TOP_SECRET.*");
    }

    @Test
    void check_emptyDslr_isAnError() throws IOException {
        Path dir = pack("id: p\nversion: \"1\"\ndsl: builtin\n", "rules/empty.dslr", "");
        Result r = run("check", dir.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("empty.dslr:1:1: error: the file is empty");
    }

    @Test
    void check_tableWithBadHeader_isLocated() throws IOException {
        Path dir = pack(
                "id: p\nversion: \"1\"\n",
                "t.csv",
                "RuleSet,p\nImport,dev.clearance.*\n\nRuleTable T\nCONDITION,ACTON\nData,\n"
                        + "classification == Classification.$param,verdict.allow();\nc,a\nPUBLIC,X\n",
                "g.drl",
                HEADER);
        Result r = run("check", dir.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("t.csv:5:2: error: unknown decision table column header 'ACTON'");
    }

    @Test
    void check_catalogWithUnknownKey_isLocated() throws IOException {
        Path dir = pack(
                "id: p\nversion: \"1\"\n",
                "r.drl",
                HEADER + "rule \"a\" when Data() then verdict.allow(); end\n",
                "catalog.yaml",
                """
                products:
                  - id: a:b
                    colour: red
                    provider: A
                    name: B
                    tier: API
                    trainsByDefault: false
                    optOutAvailable: false
                    zdrAvailable: false
                    humanReview: false
                """);
        Result r = run("check", dir.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).containsPattern(".*catalog\\.yaml:3:\\d+: error: .*colour.*");
    }

    @Test
    void check_warningsFailOnlyWithStrict() throws IOException {
        Path dir = pack(
                "id: p\nversion: \"1\"\n",
                "r.drl",
                HEADER
                        + "rule \"only.restricted\"\nwhen\n    Data( classification == Classification.RESTRICTED )\nthen\n"
                        + "    verdict.deny(\"no\");\nend\n");
        Result lenient = run("check", dir.toString());
        assertThat(lenient.code()).isZero();
        assertThat(lenient.out())
                .contains(dir.resolve("pack.yaml") + ":0:0: warning: ")
                .contains("situations fall to default-deny");
        assertThat(run("check", "--strict", dir.toString()).code()).isEqualTo(1);
    }

    @Test
    void test_coverageIsReported_andMinCoverageFails() throws IOException {
        Path cases = Files.writeString(tmp.resolve("cases.yaml"), """
                cases:
                  - name: consumer training tool gets no internal data
                    request: {destination: {product: "openai:chatgpt-free"}, data: {classification: INTERNAL}}
                    expect: {effect: DENY, reasons: [classification.internal-no-training]}
                """);
        Result ok = run("test", "default", cases.toString());
        assertThat(ok.code()).isZero();
        assertThat(ok.out()).contains("coverage: 2/10 rules fired (20.0%); no case fired");
        assertThat(ok.lastLine()).isEqualTo("1 passed, 0 failed");

        Result under = run("test", "--min-coverage", "50", cases.toString());
        assertThat(under.code()).isEqualTo(1);
        assertThat(under.out()).contains("FAIL coverage below --min-coverage 50.0%");
        assertThat(under.lastLine()).isEqualTo("1 passed, 0 failed");
    }

    @Test
    void test_dslrPackWithItsCases_passes() {
        Result r = run(
                "test",
                DSLR_PACK.toString(),
                DSLR_PACK.resolve("cases/dslr-cases.yaml").toString());
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.lastLine()).isEqualTo("6 passed, 0 failed");
    }

    @Test
    void test_caseFileWithUnknownField_isOneLocatedLineWithExit3() throws IOException {
        Path cases = Files.writeString(tmp.resolve("bad.yaml"), """
                cases:
                  - name: typo
                    request: {destination: {product: "openai:chatgpt-free"}}
                    expect: {effect: DENY}
                    expected: {effect: DENY}
                """);
        Result r = run("test", cases.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().strip().lines())
                .containsExactly(
                        cases + ":5:5: error: unknown field 'cases[0].expected' (known fields: description, expect,"
                                + " name, request)",
                        "clearance test: 1 problem(s) in the case files; nothing was run");
        assertNoStackTrace(r);
    }

    @Test
    void diff_dslrPackAgainstDefault_changesNothing() {
        Result r = run("diff", DSLR_PACK.toString(), "--fail-on-change");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.lastLine())
                .startsWith("0 of 6272 situations change decision (clearance-default@1 -> dslr-example@1");
    }

    @Test
    void diff_changedPack_listsTheSituations_andFailOnChangeExits1() throws IOException {
        Path dir = pack("id: stricter\nversion: \"2\"\n", "r.drl", HEADER + """
                rule "allow.public-only"
                when
                    Data( classification == Classification.PUBLIC )
                then
                    verdict.allow();
                end
                rule "deny.rest"
                when
                    Data( classification != Classification.PUBLIC )
                then
                    verdict.deny("stricter");
                end
                """);
        Result table = run("diff", "default", dir.toString(), "--effects-only");
        assertThat(table.code()).isZero();
        assertThat(table.out())
                .contains("INTERNAL to LOCAL (no training, no ZDR, opt-out unknown)")
                .contains("ALLOW [classification.allow]")
                .contains("DENY [deny.rest]");
        assertThat(table.lastLine()).containsPattern("^\\d+ of 6272 situations change decision");

        assertThat(run("diff", "default", dir.toString(), "--fail-on-change").code())
                .isEqualTo(1);
    }

    @Test
    void diff_json_isOneDocumentWithEveryChange() throws IOException {
        Path dir = pack("id: stricter\nversion: \"2\"\n", "r.drl", HEADER + """
                rule "deny.all"
                when
                    Data()
                then
                    verdict.deny("nothing goes");
                end
                """);
        Result r = run("diff", "--json", dir.toString());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("situations").asInt()).isEqualTo(6272);
        assertThat(doc.get("changed").asInt())
                .isEqualTo(doc.get("changes").size())
                .isPositive();
        JsonNode first = doc.get("changes").get(0);
        assertThat(first.get("after").get("effect").asText()).isEqualTo("DENY");
        assertThat(first.get("situation").get("key").asText()).isNotBlank();
    }

    @Test
    void diff_missingPack_isOneLineNotAStackTrace() {
        Result r = run("diff", tmp.resolve("nope").toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err().strip().lines()).hasSizeLessThanOrEqualTo(3);
        assertNoStackTrace(r);
    }
}
