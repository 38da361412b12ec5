package dev.clearance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ClearanceCli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void auditGen_thenAudit_writesReportAndSummary() throws IOException {
        Path log = tmp.resolve("proxy.jsonl");
        assertThat(run("audit-gen", "--records", "2000", "--seed", "3", "-o", log.toString())
                        .code())
                .isZero();
        assertThat(Files.readAllLines(log)).hasSize(2000);

        Result r =
                run("audit", log.toString(), "--report", tmp.resolve("report").toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("decided").contains("UNKNOWN_HOST").contains("report.html");
        JsonNode summary = JSON.readTree(tmp.resolve("report/summary.json").toFile());
        assertThat(summary.at("/records/decided").asLong()).isPositive();
        assertThat(summary.at("/effects/DENY").asLong()).isPositive();
        assertThat(Files.readString(tmp.resolve("report/report.html"))).contains("<svg");
    }

    @Test
    void audit_csvWithFieldMappingAndHostMapping_decides() throws IOException {
        Path log = Files.writeString(tmp.resolve("gateway.csv"), """
                ts,who,target,prompt,label
                2026-11-20T10:00:00Z,alice,https://chatgpt.com/c/1,quarterly numbers,CONFIDENTIAL
                2026-11-20T10:05:00Z,bob,https://api.anthropic.com/v1/messages,hello,PUBLIC
                """);

        Result r = run(
                "audit",
                log.toString(),
                "--report",
                tmp.resolve("r").toString(),
                "--fields",
                "time=ts,user=who,url=target,content=prompt,classification=label",
                "--map-host",
                "chatgpt.com=openai:chatgpt-enterprise");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode summary = JSON.readTree(tmp.resolve("r/summary.json").toFile());
        assertThat(summary.at("/records/decided").asLong()).isEqualTo(2);
        assertThat(summary.at("/byProduct/openai:chatgpt-enterprise/ALLOW").asLong())
                .isEqualTo(1);
        assertThat(summary.at("/effects/ALLOW").asLong()).isEqualTo(2);
    }

    @Test
    void audit_secretsAndPiiInInput_appearNowhereInTheOutput() throws IOException {
        String key = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
        String ssn = "219-09-9999";
        Path log = Files.writeString(tmp.resolve("chat.jsonl"), """
                {"user": "u-1", "url": "https://claude.ai/chat?session=%s", "content": "use token %s and ssn %s"}
                {"user": "u-2", "url": "https://intranet.example/%s", "content": "%s"}
                """.formatted(key, key, ssn, ssn, key));

        Result r = run("audit", log.toString(), "--report", tmp.resolve("out").toString(), "--progress");

        assertThat(r.code()).isZero();
        for (String text : List.of(
                r.out(),
                r.err(),
                Files.readString(tmp.resolve("out/report.html")),
                Files.readString(tmp.resolve("out/summary.json")))) {
            assertThat(text).doesNotContain(key).doesNotContain(ssn).doesNotContain("session=");
        }
    }

    @Test
    void audit_unknownField_isAUsageError() {
        Result r = run("audit", "x.jsonl", "--report", tmp.toString(), "--fields", "host=h");

        assertThat(r.code()).isEqualTo(ClearanceCli.USAGE);
        assertThat(r.err()).contains("unknown field 'host'");
    }

    @Test
    void audit_missingReportOption_isAUsageError() {
        assertThat(run("audit", "x.jsonl").code()).isEqualTo(ClearanceCli.USAGE);
    }
}
