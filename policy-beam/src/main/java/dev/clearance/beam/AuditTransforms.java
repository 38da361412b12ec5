package dev.clearance.beam;

import dev.clearance.audit.AuditSummary;
import dev.clearance.audit.EngineSpec;
import dev.clearance.audit.IssueKind;
import dev.clearance.audit.LogAuditor;
import dev.clearance.audit.LogFormat;
import dev.clearance.audit.LogRecord;
import dev.clearance.audit.LogSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Beam transforms of the log audit. {@link #decide(EngineSpec)} applies an engine to a {@code PCollection} of
 * {@link LogRecord}s — the engine is built once per DoFn instance in {@code @Setup}, from the serializable
 * {@link EngineSpec}, never per element — and {@link #auditFiles(LogFormat, EngineSpec)} reads log files (with
 * their line numbers and issues) and decides them. Both end in one {@link AuditSummary}: the same class, the same
 * counting and the same merge as {@code clearance audit} on one machine.
 */
public final class AuditTransforms {
    private AuditTransforms() {}

    /** Decides every record and merges the per-bundle summaries into one. */
    public static PTransform<PCollection<LogRecord>, PCollection<AuditSummary>> decide(EngineSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return new PTransform<>("DecideLogRecords") {
            @Override
            public PCollection<AuditSummary> expand(PCollection<LogRecord> records) {
                return records.apply("Decide", ParDo.of(new DecideFn(spec)))
                        .setCoder(SerializableCoder.of(AuditSummary.class))
                        .apply("Merge", Combine.globally(new MergeSummaries()))
                        .setCoder(SerializableCoder.of(AuditSummary.class));
            }
        };
    }

    /** Reads matched log files in {@code format}, decides their records, and merges everything into one summary. */
    public static PTransform<PCollection<FileIO.ReadableFile>, PCollection<AuditSummary>> auditFiles(
            LogFormat format, EngineSpec spec) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(spec, "spec");
        return new PTransform<>("AuditLogFiles") {
            @Override
            public PCollection<AuditSummary> expand(PCollection<FileIO.ReadableFile> files) {
                TupleTag<LogRecord> records = new TupleTag<>() {};
                TupleTag<AuditSummary> issues = new TupleTag<>() {};
                PCollectionTuple read = files.apply(
                        "Read",
                        ParDo.of(new ReadFn(format, records, issues)).withOutputTags(records, TupleTagList.of(issues)));
                PCollection<LogRecord> recs = read.get(records).setCoder(SerializableCoder.of(LogRecord.class));
                PCollection<AuditSummary> decided = recs.apply("Decide", ParDo.of(new DecideFn(spec)))
                        .setCoder(SerializableCoder.of(AuditSummary.class));
                PCollection<AuditSummary> readIssues =
                        read.get(issues).setCoder(SerializableCoder.of(AuditSummary.class));
                return PCollectionList.of(decided)
                        .and(readIssues)
                        .apply("Flatten", Flatten.pCollections())
                        .apply("Merge", Combine.globally(new MergeSummaries()))
                        .setCoder(SerializableCoder.of(AuditSummary.class));
            }
        };
    }

    /** Engine built once per instance (in {@code @Setup}); one partial summary per bundle. */
    static final class DecideFn extends DoFn<LogRecord, AuditSummary> {
        private final EngineSpec spec;
        private transient LogAuditor auditor;

        DecideFn(EngineSpec spec) {
            this.spec = spec;
        }

        @Setup
        public void setup() {
            auditor = spec.newAuditor(new AuditSummary());
        }

        @StartBundle
        public void startBundle() {
            auditor.drain();
        }

        @ProcessElement
        public void process(@Element LogRecord r) {
            auditor.record(r);
        }

        @FinishBundle
        public void finishBundle(FinishBundleContext c) {
            AuditSummary bundle = auditor.drain();
            if (bundle.recordsRead() > 0 || !bundle.issues().isEmpty()) {
                c.output(bundle, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
            }
        }
    }

    /** Streams a file into records (main output) and one summary of its reading issues (side output). */
    static final class ReadFn extends DoFn<FileIO.ReadableFile, LogRecord> {
        private final LogFormat format;
        private final TupleTag<LogRecord> records;
        private final TupleTag<AuditSummary> issues;

        ReadFn(LogFormat format, TupleTag<LogRecord> records, TupleTag<AuditSummary> issues) {
            this.format = format;
            this.records = records;
            this.issues = issues;
        }

        @ProcessElement
        public void process(@Element FileIO.ReadableFile file, MultiOutputReceiver out) {
            String name = file.getMetadata().resourceId().toString();
            AuditSummary problems = new AuditSummary();
            try (InputStream raw = Channels.newInputStream(file.open())) {
                InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
                LogFormat f = format.withKind(LogFormat.kindOf(name));
                f.read(in, name, new LogSink() {
                    @Override
                    public void record(LogRecord record) {
                        out.get(records).output(record);
                    }

                    @Override
                    public void issue(IssueKind kind, String source, long line) {
                        problems.issue(kind, source, line);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + name, e);
            }
            out.get(issues).output(problems);
        }
    }

    /** Merges partial summaries; order does not matter. */
    static final class MergeSummaries extends Combine.CombineFn<AuditSummary, AuditSummary, AuditSummary> {
        @Override
        public AuditSummary createAccumulator() {
            return new AuditSummary();
        }

        @Override
        public AuditSummary addInput(AuditSummary acc, AuditSummary input) {
            return acc.merge(input);
        }

        @Override
        public AuditSummary mergeAccumulators(Iterable<AuditSummary> accs) {
            AuditSummary all = new AuditSummary();
            for (AuditSummary a : accs) {
                all.merge(a);
            }
            return all;
        }

        @Override
        public AuditSummary extractOutput(AuditSummary acc) {
            return acc;
        }

        @Override
        public org.apache.beam.sdk.coders.Coder<AuditSummary> getAccumulatorCoder(
                org.apache.beam.sdk.coders.CoderRegistry registry,
                org.apache.beam.sdk.coders.Coder<AuditSummary> inputCoder) {
            return SerializableCoder.of(AuditSummary.class);
        }
    }
}
