package dev.clearance.beam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.PolicyEngine;
import dev.clearance.audit.AuditSummary;
import dev.clearance.audit.EngineSpec;
import dev.clearance.audit.IssueKind;
import dev.clearance.audit.LogAuditor;
import dev.clearance.audit.LogFormat;
import dev.clearance.audit.LogGenerator;
import dev.clearance.audit.LogRecord;
import dev.clearance.rules.DefaultRulePack;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Beam audit on the DirectRunner gives the same summary as the single-machine audit. */
class AuditTransformsTest {
    private static final String LOG = LogGenerator.seeded(11).toJsonl(1_500);

    @TempDir
    Path tmp;

    /** Collects the pipeline's output into a static list (DirectRunner runs in this JVM). */
    static final List<String> OUT = java.util.Collections.synchronizedList(new ArrayList<>());

    static final class Collect extends DoFn<AuditSummary, Void> {
        @ProcessElement
        public void process(@Element AuditSummary s) {
            OUT.add(s.toJson());
        }
    }

    private static AuditSummary local(String jsonl, String source) {
        LogAuditor a = LogAuditor.builder(PolicyEngine.builder().rulePack(DefaultRulePack.v1()))
                .build();
        LogFormat.jsonl().read(new ByteArrayInputStream(jsonl.getBytes(StandardCharsets.UTF_8)), source, a);
        return a.summary();
    }

    private static Pipeline pipeline() {
        return Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner", "--targetParallelism=2")
                .create());
    }

    @Test
    void decide_recordsOnTheDirectRunner_matchTheSingleMachineSummary() {
        List<LogRecord> records = new ArrayList<>();
        LogFormat.jsonl()
                .read(
                        new ByteArrayInputStream(LOG.getBytes(StandardCharsets.UTF_8)),
                        "log",
                        new dev.clearance.audit.LogSink() {
                            @Override
                            public void record(LogRecord r) {
                                records.add(r);
                            }

                            @Override
                            public void issue(IssueKind kind, String source, long line) {}
                        });
        OUT.clear();
        Pipeline p = pipeline();
        PCollection<LogRecord> in = p.apply(Create.of(records).withCoder(SerializableCoder.of(LogRecord.class)));
        in.apply(AuditTransforms.decide(EngineSpec.defaults())).apply(ParDo.of(new Collect()));
        p.run().waitUntilFinish();

        assertThat(OUT).hasSize(1);
        assertThat(OUT.get(0)).isEqualTo(local(LOG, "log").toJson());
    }

    @Test
    void auditFiles_withBadLines_countsIssuesWithLineNumbers() throws Exception {
        String[] lines = LOG.split("\n");
        Files.writeString(
                tmp.resolve("a.jsonl"), String.join("\n", List.of(lines).subList(0, 700)) + "\n{broken\n");
        Files.writeString(
                tmp.resolve("b.jsonl"), String.join("\n", List.of(lines).subList(700, lines.length)) + "\n");
        OUT.clear();
        Pipeline p = pipeline();
        p.apply(FileIO.match().filepattern(tmp.resolve("*.jsonl").toString()))
                .apply(FileIO.readMatches())
                .apply(AuditTransforms.auditFiles(LogFormat.jsonl(), EngineSpec.defaults()))
                .apply(ParDo.of(new Collect()));
        p.run().waitUntilFinish();

        assertThat(OUT).hasSize(1);
        String json = OUT.get(0);
        assertThat(json).contains("\"MALFORMED_JSON\"").contains("a.jsonl:701");
        AuditSummary whole = local(LOG, "log");
        assertThat(json).contains("\"decided\" : " + whole.decided());
    }

    @Test
    void pipeline_overFiles_writesTheReport() throws Exception {
        Files.writeString(tmp.resolve("in.jsonl"), LOG);
        AuditPipeline.Options o = PipelineOptionsFactory.fromArgs(
                        "--runner=DirectRunner",
                        "--input=" + tmp.resolve("in.jsonl"),
                        "--report=" + tmp.resolve("report"))
                .as(AuditPipeline.Options.class);

        AuditPipeline.build(o).run().waitUntilFinish();

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
        List<String> args =
                new ArrayList<>(List.of("--runner=DirectRunner", "--input=" + in, "--report=" + tmp.resolve(name)));
        args.addAll(List.of(extra));
        AuditPipeline.build(PipelineOptionsFactory.fromArgs(args.toArray(String[]::new))
                        .as(AuditPipeline.Options.class))
                .run()
                .waitUntilFinish();
        return Files.readString(tmp.resolve(name).resolve("summary.json"));
    }

    @Test
    void pipeline_report_pseudonymizesUsersAndUnknownHostsByDefault() throws Exception {
        Path key = Files.write(tmp.resolve("audit.key"), "0123456789abcdef0123".getBytes(StandardCharsets.UTF_8));

        String hidden = report("a", "--auditKeyFile=" + key);
        String again = report("b", "--auditKeyFile=" + key);
        String html = Files.readString(tmp.resolve("a/report.html"));

        for (String text : List.of(hidden, html)) {
            assertThat(text).doesNotContain("alice").doesNotContain("bob").doesNotContain("intranet-wiki");
        }
        assertThat(hidden).contains("user-").contains("host-").contains("openai:chatgpt-free");
        // the same key gives the same pseudonyms, so two reports compare
        assertThat(withoutTime(again)).isEqualTo(withoutTime(hidden));
    }

    @Test
    void pipeline_report_showIdentities_optsOut() throws Exception {
        String shown = report("shown", "--showIdentities");

        assertThat(shown).contains("alice").contains("intranet-wiki.example");
    }
}
