package dev.clearance.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.PolicyEngine;
import dev.clearance.audit.AuditSummary;
import dev.clearance.audit.EngineSpec;
import dev.clearance.audit.IssueKind;
import dev.clearance.audit.LogAuditor;
import dev.clearance.audit.LogFormat;
import dev.clearance.audit.LogGenerator;
import dev.clearance.audit.LogRecord;
import dev.clearance.audit.LogSink;
import dev.clearance.rules.DefaultRulePack;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Flink job on a local MiniCluster (parallelism 2) gives the same summary as the single-machine audit. */
class FlinkAuditTest {
    private static final String LOG = LogGenerator.seeded(11).toJsonl(1_500);

    @TempDir
    Path tmp;

    private static AuditSummary local(String jsonl, String source) {
        LogAuditor a = LogAuditor.builder(PolicyEngine.builder().rulePack(DefaultRulePack.v1()))
                .build();
        LogFormat.jsonl().read(new ByteArrayInputStream(jsonl.getBytes(StandardCharsets.UTF_8)), source, a);
        return a.summary();
    }

    private static List<LogRecord> records(String jsonl) {
        List<LogRecord> records = new ArrayList<>();
        LogFormat.jsonl().read(new ByteArrayInputStream(jsonl.getBytes(StandardCharsets.UTF_8)), "log", new LogSink() {
            @Override
            public void record(LogRecord r) {
                records.add(r);
            }

            @Override
            public void issue(IssueKind kind, String source, long line) {}
        });
        return records;
    }

    /** An in-process MiniCluster with two parallel slots. */
    private static StreamExecutionEnvironment env() {
        return StreamExecutionEnvironment.createLocalEnvironment(2);
    }

    @Test
    void decide_recordsOnAMiniCluster_matchTheSingleMachineSummary() throws Exception {
        StreamExecutionEnvironment env = env();
        int before = FlinkAudit.ENGINES_BUILT.get();

        AuditSummary merged = FlinkAudit.run(
                FlinkAudit.decide(
                        env.fromData(records(LOG), TypeInformation.of(LogRecord.class))
                                .rebalance(),
                        EngineSpec.defaults()),
                "decide-test");

        AuditSummary whole = local(LOG, "log");
        assertThat(merged.recordsRead()).isEqualTo(1_500);
        assertThat(merged.decided()).isEqualTo(whole.decided());
        assertThat(merged.byProduct()).isEqualTo(whole.byProduct());
        assertThat(merged.rules()).isEqualTo(whole.rules());
        assertThat(merged.toJson()).isEqualTo(whole.toJson());
        // one engine per parallel instance of the decide step, never one per record
        assertThat(FlinkAudit.ENGINES_BUILT.get() - before).isEqualTo(2);
    }

    @Test
    void auditFiles_withBadLines_countsIssuesWithLineNumbers() throws Exception {
        String[] lines = LOG.split("\n");
        Path a = tmp.resolve("a.jsonl");
        Path b = tmp.resolve("b.jsonl");
        Files.writeString(a, String.join("\n", List.of(lines).subList(0, 700)) + "\n{broken\n");
        Files.writeString(b, String.join("\n", List.of(lines).subList(700, lines.length)) + "\n");

        AuditSummary merged = FlinkAudit.run(
                FlinkAudit.auditFiles(
                        env(), FlinkAudit.listFiles(List.of(tmp.toString())), LogFormat.jsonl(), EngineSpec.defaults()),
                "files-test");

        String json = merged.toJson();
        assertThat(json).contains("\"MALFORMED_JSON\"").contains("a.jsonl:701");
        AuditSummary whole = local(LOG, "log");
        assertThat(merged.decided()).isEqualTo(whole.decided());
        assertThat(merged.byProduct()).isEqualTo(whole.byProduct());
        assertThat(merged.rules()).isEqualTo(whole.rules());
    }

    @Test
    void main_overFiles_writesTheReport() throws Exception {
        Files.writeString(tmp.resolve("in.jsonl"), LOG);

        FlinkAudit.main(new String[] {
            "--input",
            tmp.resolve("in.jsonl").toString(),
            "--report",
            tmp.resolve("report").toString(),
            "--parallelism",
            "2"
        });

        assertThat(tmp.resolve("report/report.html")).exists();
        assertThat(Files.readString(tmp.resolve("report/summary.json"))).contains("\"decided\"");
    }

    /** Two users, a catalogued product and a host no product is reached through. */
    private static final String IDENTITIES = """
            {"user": "alice", "url": "https://chatgpt.com/c/1", "content": "hello"}
            {"user": "bob", "url": "https://intranet-wiki.example/x", "content": "hello"}
            """;

    private static String withoutTime(String summary) {
        return summary.replaceAll("\"generatedAt\"\\s*:\\s*\"[^\"]*\"", "");
    }

    private String report(String name, String... extra) throws Exception {
        Path in = tmp.resolve("ids.jsonl");
        Files.writeString(in, IDENTITIES);
        List<String> args = new ArrayList<>(
                List.of("--input", in.toString(), "--report", tmp.resolve(name).toString(), "--parallelism", "1"));
        args.addAll(List.of(extra));
        FlinkAudit.main(args.toArray(String[]::new));
        return Files.readString(tmp.resolve(name).resolve("summary.json"));
    }

    @Test
    void main_report_pseudonymizesUsersAndUnknownHostsByDefault() throws Exception {
        Path key = Files.write(tmp.resolve("audit.key"), "0123456789abcdef0123".getBytes(StandardCharsets.UTF_8));

        String hidden = report("a", "--audit-key-file", key.toString());
        String again = report("b", "--audit-key-file", key.toString());
        String html = Files.readString(tmp.resolve("a/report.html"));

        for (String text : List.of(hidden, html)) {
            assertThat(text).doesNotContain("alice").doesNotContain("bob").doesNotContain("intranet-wiki");
        }
        assertThat(hidden).contains("user-").contains("host-").contains("openai:chatgpt-free");
        assertThat(withoutTime(again)).isEqualTo(withoutTime(hidden));
    }

    @Test
    void main_report_showIdentities_optsOut() throws Exception {
        String shown = report("shown", "--show-identities");

        assertThat(shown).contains("alice").contains("intranet-wiki.example");
    }

    @Test
    void main_badArguments_nameThePositionNotTheArgument() {
        String token = "sk_" + "live_Q7wR2tY9uI4oP1aS6dF3gH8jK";
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> FlinkAudit.Args.parse(new String[] {"--input", "x", token, "y"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("argument 3")
                .hasMessageNotContaining(token);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FlinkAudit.Args.parse(new String[] {token}))
                .hasMessageNotContaining(token);
    }
}
