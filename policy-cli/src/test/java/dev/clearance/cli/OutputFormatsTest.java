package dev.clearance.cli;

import static dev.clearance.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clearance.cli.CliRun.Result;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** --format json|junit|sarif of check, test and diff, test --run, diff groups, and a pack without rule files. */
class OutputFormatsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    Path pack;
    Path cases;

    @BeforeEach
    void scaffold() throws IOException {
        pack = tmp.resolve("pack");
        assertThat(run("init", pack.toString()).code()).isZero();
        cases = pack.resolve(InitCommand.CASES);
        // one failing case on top of the four passing ones
        Files.writeString(cases, Files.readString(cases) + """
                  - name: wrong on purpose
                    request:
                      destination: {provider: example, tier: LOCAL}
                      data: {classification: PUBLIC}
                    expect:
                      effect: DENY
                """);
    }

    @Test
    void test_json_countsEveryCase() throws IOException {
        Result r = run("test", "--format", "json", pack.toString(), cases.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.path("pack").asText()).isEqualTo("pack@1");
        assertThat(doc.path("passed").asInt()).isEqualTo(4);
        assertThat(doc.path("failed").asInt()).isEqualTo(1);
        assertThat(doc.path("results")).hasSize(5);
        JsonNode failed = doc.path("results").get(4);
        assertThat(failed.path("name").asText()).isEqualTo("wrong on purpose");
        assertThat(failed.path("passed").asBoolean()).isFalse();
        assertThat(failed.path("effect").asText()).isEqualTo("ALLOW");
        assertThat(failed.path("problems").get(0).asText()).contains("expected effect DENY");
        assertThat(doc.path("coverage").path("ratio").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void test_junit_isJUnitXmlWithOneTestcasePerCase() throws Exception {
        Result r = run("test", "--format", "JUnit", pack.toString(), cases.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        Document xml = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8)));
        Element root = xml.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttribute("tests")).isEqualTo("5");
        assertThat(root.getAttribute("failures")).isEqualTo("1");
        NodeList suites = root.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(1);
        Element suite = (Element) suites.item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("starter.yaml");
        assertThat(suite.getAttribute("tests")).isEqualTo("5");
        NodeList testcases = suite.getElementsByTagName("testcase");
        assertThat(testcases.getLength()).isEqualTo(5);
        List<String> failedNames = new ArrayList<>();
        for (int i = 0; i < testcases.getLength(); i++) {
            Element tc = (Element) testcases.item(i);
            assertThat(Double.parseDouble(tc.getAttribute("time"))).isNotNegative();
            if (tc.getElementsByTagName("failure").getLength() > 0) {
                failedNames.add(tc.getAttribute("name"));
                assertThat(((Element) tc.getElementsByTagName("failure").item(0)).getAttribute("message"))
                        .contains("expected effect DENY");
            }
        }
        assertThat(failedNames).containsExactly("wrong on purpose");
    }

    @Test
    void test_run_selectsCasesByRegex() {
        Result r = run("test", "--run", "^restricted", pack.toString(), cases.toString());
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("--run selected 2 of 5 cases");
        assertThat(r.out().strip()).endsWith("2 passed, 0 failed");

        Result none = run("test", "--run", "no such case", pack.toString(), cases.toString());
        assertThat(none.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(none.out()).contains("none matched");

        Result bad = run("test", "--run", "(unclosed", pack.toString(), cases.toString());
        assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("--run is not a valid RE2 regular expression");
    }

    @Test
    void anUnknownFormat_isAUsageError_namingTheFourFormats() {
        for (String command : List.of("check", "test", "diff")) {
            Result unknown = command.equals("test")
                    ? run("test", "--format", "yaml", pack.toString(), cases.toString())
                    : run(command, "--format", "yaml", pack.toString());
            assertThat(unknown.code()).as(command).isEqualTo(ExitCodes.USAGE);
            assertThat(unknown.err())
                    .contains("--format")
                    .contains("text, json, junit, sarif")
                    .doesNotContain("yaml");
        }
    }

    private static Document xml(String text) throws Exception {
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> testcases(Document xml) {
        NodeList list = xml.getElementsByTagName("testcase");
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    @Test
    void test_sarif_eachFailedCaseIsAnErrorAtItsCaseFile() throws IOException {
        Result r = run("test", "--format", "sarif", pack.toString(), cases.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        JsonNode log = JSON.readTree(r.out());
        assertThat(log.path("version").asText()).isEqualTo("2.1.0");
        JsonNode results = log.path("runs").get(0).path("results");
        assertThat(results).hasSize(1);
        JsonNode failed = results.get(0);
        assertThat(failed.path("ruleId").asText()).isEqualTo("clearance.case-failed");
        assertThat(failed.path("level").asText()).isEqualTo("error");
        assertThat(failed.path("message").path("text").asText())
                .contains("wrong on purpose")
                .contains("expected effect DENY");
        assertThat(failed.path("locations")
                        .get(0)
                        .path("physicalLocation")
                        .path("artifactLocation")
                        .path("uri")
                        .asText())
                .endsWith("starter.yaml");

        Result passing = run("test", "--format", "sarif", "--run", "^restricted", pack.toString(), cases.toString());
        assertThat(passing.code()).isZero();
        assertThat(JSON.readTree(passing.out()).path("runs").get(0).path("results"))
                .isEmpty();
    }

    @Test
    void check_junit_cleanPackIsOnePassingTestcase_errorsFailTheirFile() throws Exception {
        Result clean = run("check", "--format", "junit", pack.toString());
        assertThat(clean.code()).as(clean.out() + clean.err()).isZero();
        List<Element> passed = testcases(xml(clean.out()));
        assertThat(passed).hasSize(1);
        assertThat(passed.get(0).getElementsByTagName("failure").getLength()).isZero();

        Result broken = run("check", "--format", "junit", brokenPack().toString());
        assertThat(broken.code()).isEqualTo(ExitCodes.FAILED);
        Document doc = xml(broken.out());
        assertThat(Integer.parseInt(doc.getDocumentElement().getAttribute("failures")))
                .isPositive();
        List<Element> failedFiles = testcases(doc).stream()
                .filter(tc -> tc.getElementsByTagName("failure").getLength() > 0)
                .toList();
        assertThat(failedFiles)
                .isNotEmpty()
                .allSatisfy(tc -> assertThat(tc.getAttribute("name")).endsWith("policy/starter.drl"));
        assertThat(((Element) failedFiles.get(0).getElementsByTagName("failure").item(0)).getAttribute("message"))
                .contains(": error: ");
    }

    @Test
    void diff_junitAndSarif_reportEachChangedGroup_andNothingWhenUnchanged() throws Exception {
        Path after = tmp.resolve("after");
        assertThat(run("init", "--id", "pack", after.toString()).code()).isZero();
        Path drl = after.resolve("policy/starter.drl");
        Files.writeString(
                drl,
                Files.readString(drl)
                        .replace("Destination( trainsOnData )", "Destination( tier == Tier.CONSUMER, trainsOnData )"));
        int groups = JSON.readTree(run("diff", "--format", "json", pack.toString(), after.toString())
                        .out())
                .path("groups")
                .size();
        assertThat(groups).isPositive();

        Result junit = run("diff", "--format", "junit", pack.toString(), after.toString());
        assertThat(junit.code()).as(junit.err()).isZero();
        List<Element> changed = testcases(xml(junit.out()));
        assertThat(changed)
                .hasSize(groups)
                .allSatisfy(tc -> assertThat(tc.getElementsByTagName("failure").getLength())
                        .isEqualTo(1));
        assertThat(changed.get(0).getAttribute("name")).containsPattern("situations? DENY -> ALLOW, by rule ");

        Result sarif = run("diff", "--format", "sarif", pack.toString(), after.toString());
        JsonNode results = JSON.readTree(sarif.out()).path("runs").get(0).path("results");
        assertThat(results).hasSize(groups);
        for (JsonNode result : results) {
            assertThat(result.path("level").asText()).isEqualTo("warning");
            assertThat(result.path("ruleId").asText()).isEqualTo("clearance.decision-changed");
        }

        Result same = run("diff", "--format", "junit", pack.toString(), pack.toString());
        List<Element> none = testcases(xml(same.out()));
        assertThat(none).hasSize(1);
        assertThat(none.get(0).getElementsByTagName("failure").getLength()).isZero();
        Result sameSarif = run("diff", "--format", "sarif", pack.toString(), pack.toString());
        assertThat(JSON.readTree(sameSarif.out()).path("runs").get(0).path("results"))
                .isEmpty();
    }

    @Test
    void check_json_listsDiagnosticsWithLocations() throws IOException {
        Result r = run("check", "--format", "json", pack.toString());
        assertThat(r.code()).isZero();
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.path("compiled").asBoolean()).isTrue();
        assertThat(doc.path("rules").asInt()).isEqualTo(4);
        assertThat(doc.path("errors").asInt()).isZero();
        assertThat(doc.path("warnings").asInt()).isZero();
    }

    private Path brokenPack() throws IOException {
        Path broken = tmp.resolve("broken");
        assertThat(run("init", broken.toString()).code()).isZero();
        Path drl = broken.resolve("policy/starter.drl");
        Files.writeString(
                drl, Files.readString(drl).replace("Destination( trainsOnData )", "Destination( )\n    Nope( )"));
        return broken;
    }

    @Test
    void check_sarif_hasTheRequiredPropertiesOfSarif210() throws IOException {
        Result r = run("check", "--format", "sarif", brokenPack().toString());
        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        JsonNode log = JSON.readTree(r.out());
        assertThat(log.path("version").asText()).isEqualTo("2.1.0");
        assertThat(log.path("$schema").asText()).contains("sarif-2.1.0");
        assertThat(log.path("runs").isArray()).isTrue();
        assertThat(log.path("runs")).hasSize(1);
        JsonNode run = log.path("runs").get(0);
        assertThat(run.path("tool").path("driver").path("name").asText()).isEqualTo("clearance");
        JsonNode results = run.path("results");
        assertThat(results.size()).isPositive();
        for (JsonNode result : results) {
            assertThat(result.path("message").path("text").asText()).isNotBlank();
            assertThat(result.path("level").asText()).isIn("error", "warning", "note", "none");
            assertThat(result.path("ruleId").asText()).isEqualTo("clearance.compile");
        }
        JsonNode error = results.get(0);
        assertThat(error.path("level").asText()).isEqualTo("error");
        JsonNode location = error.path("locations").get(0).path("physicalLocation");
        assertThat(location.path("artifactLocation").path("uri").asText()).endsWith("policy/starter.drl");
        assertThat(location.path("region").path("startLine").asInt()).isPositive();
        assertThat(run.path("tool")
                        .path("driver")
                        .path("rules")
                        .get(0)
                        .path("id")
                        .asText())
                .isEqualTo("clearance.compile");
    }

    @Test
    void diff_groupsChangesByEffectAndRule() throws IOException {
        Path after = tmp.resolve("after");
        assertThat(run("init", "--id", "pack", after.toString()).code()).isZero();
        Path drl = after.resolve("policy/starter.drl");
        Files.writeString(
                drl,
                Files.readString(drl)
                        .replace("Destination( trainsOnData )", "Destination( tier == Tier.CONSUMER, trainsOnData )"));
        Result text = run("diff", pack.toString(), after.toString());
        assertThat(text.code()).as(text.out() + text.err()).isZero();
        assertThat(text.out())
                .containsPattern(
                        "[0-9,]+ situations DENY -> ALLOW, by rule starter.allow, starter.internal-no-training");

        Result json = run("diff", "--format", "json", pack.toString(), after.toString());
        JsonNode doc = JSON.readTree(json.out());
        int changed = doc.path("changed").asInt();
        assertThat(changed).isPositive();
        int grouped = 0;
        for (JsonNode g : doc.path("groups")) {
            grouped += g.path("situations").asInt();
        }
        assertThat(grouped).isEqualTo(changed);
        JsonNode first = doc.path("groups").get(0);
        assertThat(first.path("before").asText()).isEqualTo("DENY");
        assertThat(first.path("rules").toString()).contains("starter.internal-no-training");
    }

    @Test
    void packWithoutRuleFiles_isValidForTestAndDiff_andCheckWarns() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(empty.resolve("pack.yaml"), "id: empty\nversion: \"1\"\nfiles: []\n");
        Path denyAll = tmp.resolve("deny-all.yaml");
        Files.writeString(denyAll, """
                cases:
                  - name: everything falls to default deny
                    request: {destination: {provider: example, tier: LOCAL}, data: {classification: PUBLIC}}
                    expect: {effect: DENY}
                """);
        Result test = run("test", empty.toString(), denyAll.toString());
        assertThat(test.code()).as(test.out() + test.err()).isZero();
        assertThat(test.out().strip()).endsWith("1 passed, 0 failed");

        Result diff = run("diff", "--format", "json", pack.toString(), empty.toString());
        assertThat(diff.code()).as(diff.err()).isZero();
        JsonNode doc = JSON.readTree(diff.out());
        for (JsonNode c : doc.path("changes")) {
            assertThat(c.path("after").path("effect").asText()).isEqualTo("DENY");
        }

        Result check = run("check", empty.toString());
        assertThat(check.code()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).contains("warning: the pack has no rule files");
        assertThat(run("check", "--strict", empty.toString()).code()).isEqualTo(ExitCodes.FAILED);
    }
}
