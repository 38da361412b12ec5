package dev.clearance.beam;

import dev.clearance.audit.AuditReport;
import dev.clearance.audit.AuditSummary;
import dev.clearance.audit.EngineSpec;
import dev.clearance.audit.LogFields;
import dev.clearance.audit.LogFormat;
import dev.clearance.audit.ReportIdentities;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.Validation;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;

/**
 * The log audit as a Beam pipeline over files: {@code --input} (a glob), {@code --report} (a directory the last
 * step writes {@code report.html} and {@code summary.json} to; it must be reachable from the worker that runs
 * it), optional {@code --pack}, {@code --catalog}, {@code --trustedKey}, {@code --fields}, {@code --showIdentities},
 * {@code --auditKeyFile}. Users, unknown hosts and uncatalogued products are pseudonymized in the report by default
 * ({@link ReportIdentities}). Runs on the DirectRunner by default, on Flink
 * or Spark with {@code --runner=FlinkRunner} / {@code SparkRunner} and that runner on the classpath
 * (see docs/audit.md).
 */
public final class AuditPipeline {
    private AuditPipeline() {}

    /** Options of the audit pipeline. */
    public interface Options extends PipelineOptions {
        @Description("Log files to read (glob), JSONL or CSV by extension")
        @Validation.Required
        String getInput();

        void setInput(String value);

        @Description("Directory to write report.html and summary.json to")
        @Validation.Required
        String getReport();

        void setReport(String value);

        @Description("Rule pack directory (default: the built-in default pack)")
        String getPack();

        void setPack(String value);

        @Description("Organization catalog.yaml merged over the built-in one")
        String getCatalog();

        void setCatalog(String value);

        @Description("PEM public key the pack must be signed by (comma-separated for several); over a signed pack"
                + " the organization catalog must carry a signature by one of them too")
        String getTrustedKey();

        void setTrustedKey(String value);

        @Description("field=column mapping, e.g. time=ts,user=username,url=request_url")
        @Default.String("")
        String getFields();

        void setFields(String value);

        @Description("Write users, unknown hosts and uncatalogued products as they are, not as pseudonyms keyed by"
                + " the audit key (the default, so the report can be shared)")
        @Default.Boolean(false)
        boolean getShowIdentities();

        void setShowIdentities(boolean value);

        @Description("File whose bytes (at least 16) key the report's pseudonyms, read where the report is written."
                + " Default: a random key per run, so pseudonyms only match within one report")
        String getAuditKeyFile();

        void setAuditKeyFile(String value);
    }

    public static void main(String[] args) {
        Options o = PipelineOptionsFactory.fromArgs(args).withValidation().as(Options.class);
        build(o).run().waitUntilFinish();
    }

    /** The pipeline for these options, not yet run. */
    public static Pipeline build(Options o) {
        EngineSpec spec = EngineSpec.defaults();
        if (o.getPack() != null) {
            spec = spec.withPack(o.getPack());
        }
        if (o.getCatalog() != null) {
            spec = spec.withCatalog(o.getCatalog());
        }
        if (o.getTrustedKey() != null) {
            for (String key : o.getTrustedKey().split(",")) {
                spec = spec.withTrustedKey(key.strip());
            }
        }
        LogFormat format = LogFormat.jsonl().withFields(LogFields.parse(o.getFields()));
        Pipeline p = Pipeline.create(o);
        p.apply("Match", FileIO.match().filepattern(o.getInput()))
                .apply("Open", FileIO.readMatches())
                .apply("DecisionLog", AuditTransforms.auditFiles(format, spec))
                .apply(
                        "WriteReport",
                        ParDo.of(new WriteReportFn(
                                o.getReport(),
                                o.getInput(),
                                o.getPack() == null ? "clearance-default" : o.getPack(),
                                spec,
                                o.getShowIdentities(),
                                o.getAuditKeyFile())));
        return p;
    }

    /**
     * Writes the merged summary as the report: pseudonymized as {@code clearance audit} does
     * ({@link ReportIdentities}) unless {@code showIdentities}.
     */
    static final class WriteReportFn extends DoFn<AuditSummary, Void> {
        private final String dir;
        private final String input;
        private final String pack;
        private final EngineSpec spec;
        private final boolean showIdentities;
        private final String auditKeyFile;

        WriteReportFn(
                String dir, String input, String pack, EngineSpec spec, boolean showIdentities, String auditKeyFile) {
            this.dir = dir;
            this.input = input;
            this.pack = pack;
            this.spec = spec;
            this.showIdentities = showIdentities;
            this.auditKeyFile = auditKeyFile;
        }

        @ProcessElement
        public void process(@Element AuditSummary s) {
            AuditSummary shown = ReportIdentities.forReport(
                    s, showIdentities, auditKeyFile == null ? null : Path.of(auditKeyFile), spec.catalog());
            AuditReport.write(shown, new AuditReport.Run(pack, "", List.of(input), Instant.now()), Path.of(dir));
        }
    }
}
