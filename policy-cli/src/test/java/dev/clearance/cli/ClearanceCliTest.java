package dev.clearance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClearanceCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static CliRun.Result run(String stdin, String... args) {
        return CliRun.withStdin(stdin, args);
    }

    @Test
    void evaluate_requestFile_printsDecisionJson() throws IOException {
        Path req = Files.writeString(tmp.resolve("r.json"), """
                {"id": "c1", "destination": {"product": "openai:chatgpt-free"},
                 "data": {"classification": "INTERNAL", "content": "sprint notes"}}
                """);

        CliRun.Result r = run("", "evaluate", "--request", req.toString());

        assertThat(r.code()).isZero();
        JsonNode d = JSON.readTree(r.out());
        assertThat(d.get("id").asText()).isEqualTo("c1");
        assertThat(d.get("effect").asText()).isEqualTo("DENY");
        assertThat(d.get("reasons").get(0).get("ruleId").asText()).isEqualTo("classification.internal-no-training");
        assertThat(d.get("pack").asText()).isEqualTo("clearance-default");
    }

    @Test
    void evaluate_flags_buildTheRequest() throws IOException {
        CliRun.Result r = run(
                "",
                "evaluate",
                "--product",
                "openai:chatgpt-plus",
                "--opt-out",
                "--classification",
                "INTERNAL",
                "--text",
                "notes");

        assertThat(r.code()).isZero();
        assertThat(JSON.readTree(r.out()).get("effect").asText()).isEqualTo("ALLOW");
    }

    @Test
    void evaluate_jsonl_keepsOrderAndAlignsBadLines() throws IOException {
        String in = """
                {"id": "a", "destination": {"product": "openai:api"}, "data": {"classification": "PUBLIC"}}
                {"id": "b", "destination": {"product": "local:ollama"}, "bogus": true}
                {"id": "c", "destination": {"provider": "acme", "tier": "ENTERPRISE"}, "data": {"classification": "CONFIDENTIAL"}}
                """;

        CliRun.Result r = run(in, "evaluate", "--jsonl");

        assertThat(r.code()).isEqualTo(3);
        String[] lines = r.out().strip().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(JSON.readTree(lines[0]).get("effect").asText()).isEqualTo("ALLOW");
        assertThat(JSON.readTree(lines[1]).get("field").asText()).isEmpty();
        assertThat(lines[1]).contains("unknown field").doesNotContain("bogus");
        assertThat(JSON.readTree(lines[1]).get("id").asText()).isEqualTo("b");
        assertThat(JSON.readTree(lines[2]).get("id").asText()).isEqualTo("c");
        assertThat(r.err()).contains("line 2").doesNotContain("Exception");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"destination\": {",
                "{}",
                "{\"destination\": {\"product\": \"openai:api\"}, \"bogus\": 1}",
                "{\"destination\": {\"product\": \"openai:api\"}, \"data\": {\"classification\": \"SECRETISH\"}}",
                "{\"destination\": {\"tier\": \"SATELLITE\"}}",
                "[1,2]",
                ""
            })
    void evaluate_invalidRequest_exits3WithOneLineAndNoStackTrace(String body) throws IOException {
        Path req = Files.writeString(tmp.resolve("bad.json"), body);

        CliRun.Result r = run("", "evaluate", "--request", req.toString());

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err())
                .startsWith("clearance: invalid request")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void evaluate_usageError_exits2() {
        assertThat(run("", "evaluate").code()).isEqualTo(2);
        assertThat(run("", "evaluate", "--tier", "SATELLITE", "--provider", "x").code())
                .isEqualTo(2);
        assertThat(run("", "no-such-command").code()).isEqualTo(2);
    }

    @Test
    void evaluate_missingFile_failsWithoutStackTrace() {
        CliRun.Result r =
                run("", "evaluate", "--request", tmp.resolve("nope.json").toString());

        assertThat(r.code()).isNotZero();
        assertThat(r.err()).doesNotContain("\tat ");
    }

    @Test
    void demo_printsATableCoveringEveryEffect() {
        CliRun.Result r = run("", "demo");

        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains("ALLOW")
                .contains("DENY")
                .contains("classification.internal-no-training")
                .contains("destination.unknown");
    }

    @Test
    void check_brokenPack_reportsFileLineColumnAndExits1() throws IOException {
        Path pack = Files.createDirectories(tmp.resolve("pack"));
        Files.writeString(pack.resolve("pack.yaml"), "id: broken\nversion: \"1\"\n");
        Files.writeString(pack.resolve("rules.drl"), """
                package broken;
                import dev.clearance.facts.*;
                global dev.clearance.facts.Verdict verdict;
                rule "x"
                when
                    Data(colour == "red")
                then
                    verdict.allow();
                end
                """);

        CliRun.Result r = run("", "check", pack.toString());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).containsPattern(".*rules\\.drl:6:\\d+: error: .*colour.*");
    }

    @Test
    void test_caseFile_lastLineCountsPassedAndFailed() throws IOException {
        Path cases = Files.writeString(tmp.resolve("cases.yaml"), """
                cases:
                  - name: training consumer tool gets no internal data
                    request: {destination: {product: "openai:chatgpt-free"}, data: {classification: INTERNAL}}
                    expect: {effect: DENY, reasons: [classification.internal-no-training]}
                  - name: a wrong expectation
                    request: {destination: {product: "local:ollama"}, data: {classification: RESTRICTED}}
                    expect: {effect: DENY}
                """);

        CliRun.Result r = run("", "test", cases.toString());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out().strip().lines().reduce((a, b) -> b)).hasValue("1 passed, 1 failed");
        assertThat(r.out()).contains("FAIL").contains("a wrong expectation");
    }

    @Test
    void keygenSignVerify_roundTrip_andTamperingIsCaught() throws IOException {
        Path pack = Files.createDirectories(tmp.resolve("signed"));
        Files.writeString(pack.resolve("pack.yaml"), "id: s\nversion: \"1\"\n");
        Files.writeString(pack.resolve("rules.drl"), """
                package s;
                import dev.clearance.facts.*;
                global dev.clearance.facts.Verdict verdict;
                rule "allow" when Data() then verdict.allow(); end
                """);
        String prefix = tmp.resolve("keys/policy").toString();

        assertThat(run("", "keygen", "--out", prefix).code()).isZero();
        assertThat(run("", "sign", pack.toString(), "--key", prefix + ".pem").code())
                .isZero();
        assertThat(run("", "verify", pack.toString(), "--trusted-key", prefix + ".pub.pem")
                        .code())
                .isZero();
        assertThat(run(
                                "",
                                "evaluate",
                                "--pack",
                                pack.toString(),
                                "--trusted-key",
                                prefix + ".pub.pem",
                                "--product",
                                "x",
                                "--classification",
                                "PUBLIC")
                        .code())
                .isZero();

        Files.writeString(pack.resolve("rules.drl"), Files.readString(pack.resolve("rules.drl")) + "\n");
        CliRun.Result tampered = run("", "verify", pack.toString(), "--trusted-key", prefix + ".pub.pem");
        assertThat(tampered.code()).isEqualTo(1);
        assertThat(tampered.out()).contains("checksum mismatch").contains("rules.drl");
        CliRun.Result refused =
                run("", "evaluate", "--pack", pack.toString(), "--trusted-key", prefix + ".pub.pem", "--product", "x");
        assertThat(refused.code()).isEqualTo(3);
        assertThat(refused.err()).contains("checksum mismatch").doesNotContain("\tat ");
    }

    @Test
    void scan_invalidUtf8AndBadLines_keepsGoingAndKeepsOrder() {
        InputStream saved = System.in;
        byte[] bytes = ("{\"id\": \"a\", \"text\": \"caf\u00e9\"}\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] rest = ("not json\n{\"id\": \"c\", \"text\": \"mail jane.doe@example.com\"}\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bytes.length + rest.length];
        System.arraycopy(bytes, 0, all, 0, bytes.length);
        System.arraycopy(rest, 0, all, bytes.length, rest.length);
        System.setIn(new ByteArrayInputStream(all));
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = ClearanceCli.run(new String[] {"scan", "--jsonl"}, new PrintWriter(out), new PrintWriter(err));

            assertThat(code).isEqualTo(3);
            String[] lines = out.toString().strip().split("\n");
            assertThat(lines).hasSize(3);
            assertThat(lines[0]).contains("\"id\":\"a\"");
            assertThat(lines[1]).contains("invalid line");
            assertThat(lines[2]).contains("EMAIL_ADDRESS");
            assertThat(err.toString()).doesNotContain("\tat ");
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void scan_jsonlOfManyLines_answersEveryLineInInputOrder() {
        StringBuilder in = new StringBuilder();
        int lines = 300; // more than the lines handed ahead to the scan threads
        for (int i = 0; i < lines; i++) {
            if (i == 150) {
                in.append("not json\n");
            } else if (i % 3 == 0) {
                in.append("{\"id\": \"d").append(i).append("\", \"text\": \"mail jane.doe@example.com\"}\n");
            } else {
                in.append("{\"id\": \"d")
                        .append(i)
                        .append("\", \"text\": \"sprint notes ")
                        .append(i)
                        .append("\"}\n");
            }
        }
        CliRun.Result r = run(in.toString(), "scan", "--jsonl");

        assertThat(r.code()).isEqualTo(3);
        String[] out = r.out().strip().split("\n");
        assertThat(out).hasSize(lines);
        for (int i = 0; i < lines; i++) {
            if (i == 150) {
                assertThat(out[i]).contains("invalid line").contains("\"line\":151");
            } else {
                assertThat(out[i]).startsWith("{\"id\":\"d" + i + "\",");
                if (i % 3 == 0) {
                    assertThat(out[i]).contains("EMAIL_ADDRESS");
                } else {
                    assertThat(out[i]).contains("\"findings\":[]");
                }
            }
        }
        assertThat(r.err()).contains("line 151:").doesNotContain("\tat ");
    }

    @Test
    void jsonlParallel_writesInInputOrderWhateverOrderTheLinesFinishIn() {
        StringBuilder in = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            in.append(i).append('\n');
        }
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(in.toString().getBytes(StandardCharsets.UTF_8)));
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Io.jsonlParallel(new PrintWriter(out), new PrintWriter(err), 4, (line, lineNo) -> {
                try {
                    Thread.sleep((40 - lineNo) % 7); // early lines finish last
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new Io.LineResult(
                        "out " + line, lineNo % 10 == 0 ? "err " + lineNo : null, lineNo == 20 ? 3 : 0);
            });

            assertThat(code).isEqualTo(3);
            String[] lines = out.toString().strip().split("\n");
            assertThat(lines).hasSize(40);
            for (int i = 0; i < 40; i++) {
                assertThat(lines[i]).isEqualTo("out " + (i + 1));
            }
            assertThat(err.toString().strip().split("\n")).containsExactly("err 10", "err 20", "err 30", "err 40");
        } finally {
            System.setIn(saved);
        }
    }
}
