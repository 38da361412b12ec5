package dev.clearance.flink;

import dev.clearance.audit.AuditReport;
import dev.clearance.audit.AuditSummary;
import dev.clearance.audit.EngineSpec;
import dev.clearance.audit.IssueKind;
import dev.clearance.audit.LogAuditor;
import dev.clearance.audit.LogFields;
import dev.clearance.audit.LogFormat;
import dev.clearance.audit.LogRecord;
import dev.clearance.audit.LogSink;
import dev.clearance.audit.ReportIdentities;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.ReduceFunction;
import org.apache.flink.api.common.functions.RichMapPartitionFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.runtime.kryo.JavaSerializer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.windowing.assigners.GlobalWindows;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The log audit as a Flink DataStream job over bounded input. Every parallel instance of the decide step builds
 * its engine once, in {@code open()}, from the serializable {@link EngineSpec}, decides all the records of its
 * partition into one partial {@link AuditSummary}, and emits it at the end of its input; the partial summaries
 * (and the reading issues of the files) merge in one non-parallel step into the same summary, with the same
 * counting and the same merge, as {@code clearance audit} on one machine.
 *
 * <p>As a program ({@link #main(String[])}): {@code --input} (files or directories, comma separated, any Flink
 * file system), {@code --report} (a directory on the client where {@code report.html} and {@code summary.json}
 * are written), optional {@code --pack}, {@code --catalog}, {@code --trusted-key} (repeatable), {@code --fields}, {@code --parallelism},
 * {@code --show-identities}, {@code --audit-key-file}. Users, unknown hosts and uncatalogued products are
 * pseudonymized in the report by default, as {@code clearance audit} does ({@link ReportIdentities}). See
 * docs/audit.md.
 */
public final class FlinkAudit {
    /**
     * How partial and merged summaries travel between operators: a generic type, written with Java serialization
     * (see {@link #configure}) since Kryo cannot rebuild its {@code EnumMap}s.
     */
    public static final TypeInformation<AuditSummary> SUMMARY = TypeInformation.of(AuditSummary.class);

    /** Engines built so far in this JVM (one per parallel instance of the decide step): for tests. */
    static final AtomicInteger ENGINES_BUILT = new AtomicInteger();

    private FlinkAudit() {}

    /** Decides every record and merges the per-instance summaries into one (a stream of exactly one summary). */
    public static DataStream<AuditSummary> decide(DataStream<LogRecord> records, EngineSpec spec) {
        Objects.requireNonNull(spec, "spec");
        configure(records.getExecutionEnvironment());
        return merge(partials(records, spec));
    }

    /**
     * Runs {@code env} in batch mode (the audit reads bounded input) and registers Java serialization (Flink's Kryo {@code JavaSerializer}) for {@link AuditSummary} in {@code env}:
     * the summaries are few (one per parallel instance) and {@code Serializable}, while Kryo's default field
     * serializer fails on their {@code EnumMap}s. {@link #decide} and {@link #auditFiles} call it; it sets
     * {@code pipeline.serialization-config}, replacing what that option held.
     */
    public static void configure(StreamExecutionEnvironment env) {
        Configuration conf = new Configuration();
        // the audit is bounded: batch execution runs it stage by stage and emits each partial once, at the end
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        conf.set(
                PipelineOptions.SERIALIZATION_CONFIG,
                List.of(AuditSummary.class.getName() + ": {type: kryo, kryo-type: default, class: "
                        + JavaSerializer.class.getName() + "}"));
        env.configure(conf, Thread.currentThread().getContextClassLoader());
    }

    /**
     * Reads log files (each by one parallel reader, in {@code format} by extension, gzip by {@code .gz}) with their
     * line numbers and issues, decides their records, and merges everything into one summary.
     */
    public static DataStream<AuditSummary> auditFiles(
            StreamExecutionEnvironment env, List<String> files, LogFormat format, EngineSpec spec) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(spec, "spec");
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no log file to read");
        }
        configure(env);
        OutputTag<AuditSummary> issues = new OutputTag<>("read-issues", SUMMARY);
        SingleOutputStreamOperator<LogRecord> records = env.fromData(files)
                .name("Files")
                .rebalance()
                .process(new ReadFiles(format, issues), TypeInformation.of(LogRecord.class))
                .name("Read");
        return merge(partials(records, spec).union(records.getSideOutput(issues)));
    }

    /** Runs a pipeline ending in {@link #decide} or {@link #auditFiles} and returns its one merged summary. */
    public static AuditSummary run(DataStream<AuditSummary> merged, String jobName) throws Exception {
        AuditSummary all = new AuditSummary();
        try (CloseableIterator<AuditSummary> it = merged.executeAndCollect(jobName)) {
            it.forEachRemaining(all::merge);
        }
        return all;
    }

    private static DataStream<AuditSummary> partials(DataStream<LogRecord> records, EngineSpec spec) {
        SingleOutputStreamOperator<AuditSummary> decided = records.fullWindowPartition()
                .mapPartition(new DecidePartition(spec))
                .returns(SUMMARY)
                .name("Decide");
        // deciding is CPU-bound: use the parallelism asked for, not the one batch scheduling infers from data size
        int parallelism = records.getExecutionEnvironment().getParallelism();
        if (parallelism > 0) {
            decided.setParallelism(parallelism);
        }
        return decided;
    }

    private static DataStream<AuditSummary> merge(DataStream<AuditSummary> partials) {
        return partials.windowAll(GlobalWindows.createWithEndOfStreamTrigger())
                .reduce(new MergeSummaries())
                .returns(SUMMARY)
                .name("Merge");
    }

    /** Engine built once per parallel instance (in {@code open()}); one partial summary per partition. */
    static final class DecidePartition extends RichMapPartitionFunction<LogRecord, AuditSummary> {
        private static final long serialVersionUID = 1L;
        private final EngineSpec spec;
        private transient LogAuditor auditor;

        DecidePartition(EngineSpec spec) {
            this.spec = spec;
        }

        @Override
        public void open(OpenContext context) {
            auditor = spec.newAuditor(new AuditSummary());
            ENGINES_BUILT.incrementAndGet();
        }

        @Override
        public void mapPartition(Iterable<LogRecord> records, Collector<AuditSummary> out) {
            for (LogRecord r : records) {
                auditor.record(r);
            }
            AuditSummary partial = auditor.drain();
            if (partial.recordsRead() > 0 || !partial.issues().isEmpty()) {
                out.collect(partial);
            }
        }
    }

    /** Streams a file into records (main output) and one summary of its reading issues (side output). */
    static final class ReadFiles extends ProcessFunction<String, LogRecord> {
        private static final long serialVersionUID = 1L;
        private final LogFormat format;
        private final OutputTag<AuditSummary> issues;

        ReadFiles(LogFormat format, OutputTag<AuditSummary> issues) {
            this.format = format;
            this.issues = issues;
        }

        @Override
        public void processElement(String name, Context ctx, Collector<LogRecord> out) {
            AuditSummary problems = new AuditSummary();
            Path path = new Path(name);
            try (InputStream raw = path.getFileSystem().open(path)) {
                InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
                format.withKind(LogFormat.kindOf(name)).read(in, name, new LogSink() {
                    @Override
                    public void record(LogRecord record) {
                        out.collect(record);
                    }

                    @Override
                    public void issue(IssueKind kind, String source, long line) {
                        problems.issue(kind, source, line);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + name, e);
            }
            if (!problems.issues().isEmpty()) {
                ctx.output(issues, problems);
            }
        }
    }

    /** Merges partial summaries; order does not matter. */
    static final class MergeSummaries implements ReduceFunction<AuditSummary> {
        private static final long serialVersionUID = 1L;

        @Override
        public AuditSummary reduce(AuditSummary a, AuditSummary b) {
            return a.merge(b);
        }
    }

    /** The files named by {@code inputs}: files as given, directories by their files (not recursively). */
    static List<String> listFiles(List<String> inputs) throws IOException {
        List<String> files = new ArrayList<>();
        for (String in : inputs) {
            Path p = new Path(in);
            FileSystem fs = p.getFileSystem();
            FileStatus st = fs.getFileStatus(p);
            if (!st.isDir()) {
                files.add(p.toString());
                continue;
            }
            FileStatus[] children = fs.listStatus(p);
            List<String> names = new ArrayList<>();
            for (FileStatus c : children) {
                String n = c.getPath().getName();
                if (!c.isDir() && !n.startsWith(".") && !n.startsWith("_")) {
                    names.add(c.getPath().toString());
                }
            }
            names.sort(null);
            files.addAll(names);
        }
        return files;
    }

    /** Runs the audit over files and writes the report on the client. */
    public static void main(String[] args) throws Exception {
        Args a = Args.parse(args);
        EngineSpec spec = EngineSpec.defaults();
        if (a.pack != null) {
            spec = spec.withPack(a.pack);
        }
        if (a.catalog != null) {
            spec = spec.withCatalog(a.catalog);
        }
        for (String key : a.trustedKeys) {
            spec = spec.withTrustedKey(key);
        }
        LogFormat format = LogFormat.jsonl().withFields(LogFields.parse(a.fields));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        if (a.parallelism > 0) {
            env.setParallelism(a.parallelism);
        }
        List<String> inputs = List.of(a.input.split(","));
        AuditSummary s = run(auditFiles(env, listFiles(inputs), format, spec), "clearance-audit");
        AuditReport.write(
                ReportIdentities.forReport(
                        s,
                        a.showIdentities,
                        a.auditKeyFile == null ? null : java.nio.file.Path.of(a.auditKeyFile),
                        spec.catalog()),
                new AuditReport.Run(a.pack == null ? "clearance-default" : a.pack, "", inputs, Instant.now()),
                java.nio.file.Path.of(a.report));
        System.out.println("decided " + s.decided() + " of " + s.recordsRead() + " records; report in " + a.report);
    }

    /** Command-line arguments of {@link #main(String[])}. */
    static final class Args {
        String input;
        String report;
        String pack;
        String catalog;
        String fields = "";
        int parallelism;
        boolean showIdentities;
        String auditKeyFile;
        final List<String> trustedKeys = new java.util.ArrayList<>();

        static Args parse(String[] args) {
            Args a = new Args();
            for (int i = 0; i < args.length; i++) {
                // an argument may be content (a token pasted in the wrong place): errors name its position only
                int position = i + 1;
                String k = args[i];
                if (k.equals("--show-identities")) {
                    a.showIdentities = true;
                    continue;
                }
                String v;
                int eq = k.indexOf('=');
                if (eq > 0) {
                    v = k.substring(eq + 1);
                    k = k.substring(0, eq);
                } else if (i + 1 < args.length) {
                    v = args[++i];
                } else {
                    throw new IllegalArgumentException("missing value of the option at argument " + position);
                }
                switch (k) {
                    case "--input" -> a.input = v;
                    case "--report" -> a.report = v;
                    case "--pack" -> a.pack = v;
                    case "--catalog" -> a.catalog = v;
                    case "--fields" -> a.fields = v;
                    case "--parallelism" -> a.parallelism = Integer.parseInt(v);
                    case "--audit-key-file" -> a.auditKeyFile = v;
                    case "--trusted-key" -> a.trustedKeys.add(v);
                    default ->
                        throw new IllegalArgumentException("unknown option at argument " + position
                                + " (--input, --report, --pack, --catalog, --trusted-key, --fields,"
                                + " --parallelism, --show-identities, --audit-key-file)");
                }
            }
            if (a.input == null || a.report == null) {
                throw new IllegalArgumentException("usage: FlinkAudit --input FILES_OR_DIRS --report DIR"
                        + " [--pack DIR] [--catalog FILE] [--trusted-key PEM]... [--fields MAPPING] [--parallelism N]"
                        + " [--show-identities] [--audit-key-file FILE]");
            }
            return a;
        }
    }
}
