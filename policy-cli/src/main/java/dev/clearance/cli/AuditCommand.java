package dev.clearance.cli;

import dev.clearance.PolicyEngine;
import dev.clearance.audit.AuditReport;
import dev.clearance.audit.AuditSummary;
import dev.clearance.audit.IssueKind;
import dev.clearance.audit.LogAuditor;
import dev.clearance.audit.LogFields;
import dev.clearance.audit.LogFormat;
import dev.clearance.audit.LogRecord;
import dev.clearance.audit.LogSink;
import dev.clearance.catalog.HostResolver;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = {
            "Finds AI usage in web-proxy, gateway or chat-export logs and decides every request with the",
            "policy: writes DIR/report.html (self-contained) and DIR/summary.json. Never writes content,",
            "matched values or URLs. Bad lines are counted per kind with line numbers; the run goes on."
        })
final class AuditCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    PackOptions packOptions;

    @Parameters(
            arity = "1..*",
            paramLabel = "LOG",
            description =
                    "Log files: JSONL, or CSV with a header row " + "(by extension .csv; .gz is read compressed).")
    List<Path> logs;

    @Option(names = "--report", required = true, paramLabel = "DIR", description = "Where to write the report.")
    Path report;

    @Option(names = "--format", paramLabel = "jsonl|csv", description = "Force the format (default: by extension).")
    String format;

    @Option(
            names = "--fields",
            paramLabel = "FIELD=NAME,…",
            description = "Which JSON field / CSV column holds time, user, url, product, content, classification, "
                    + "e.g. time=ts,user=username,url=request_url.")
    String fields;

    @Option(
            names = "--map-host",
            paramLabel = "PATTERN=PRODUCT",
            split = ",",
            description = "Resolve a host to a product, over the catalog, e.g. chatgpt.com=openai:chatgpt-enterprise.")
    List<String> hostMappings = new ArrayList<>();

    @Option(
            names = "--decide-unknown-hosts",
            description = "Decide requests to hosts the catalog does not know as UNKNOWN destinations "
                    + "(default: count them and skip).")
    boolean decideUnknownHosts;

    @Option(
            names = "--max-line-bytes",
            paramLabel = "N",
            description = "Longest line read (default: ${DEFAULT-VALUE}).")
    int maxLineBytes = LogFormat.DEFAULT_MAX_LINE_BYTES;

    @Option(
            names = "--show-identities",
            description = "Show users, unknown hosts and uncatalogued products as the logs have them. Default: "
                    + "pseudonyms (HMAC-SHA256 under the audit key), so the report can be shared.")
    boolean showIdentities;

    @Option(
            names = "--audit-key-file",
            paramLabel = "FILE",
            description = "Key of the report's pseudonyms: the file's bytes, at least 16. Default: a random key per "
                    + "run, so pseudonyms only match within one report.")
    Path auditKeyFile;

    @Option(
            names = "--progress",
            negatable = true,
            description = "A progress line on stderr (default: only when it is a terminal).")
    Boolean progress;

    @Override
    public Integer call() {
        byte[] pseudonymKey = showIdentities ? null : auditKey();
        LogFields logFields = fields == null ? LogFields.defaults() : parseFields();
        PolicyEngine.Builder builder = packOptions.builder();
        LogAuditor.Builder auditorBuilder = LogAuditor.builder(builder).decideUnknownHosts(decideUnknownHosts);
        if (!hostMappings.isEmpty()) {
            HostResolver.Builder r = HostResolver.builder(packOptions.catalog());
            for (String m : hostMappings) {
                int eq = m.indexOf('=');
                if (eq <= 0) {
                    throw new CommandLine.ParameterException(
                            spec.commandLine(), "--map-host " + m + ": expected PATTERN=PRODUCT");
                }
                r.map(m.substring(0, eq).strip(), m.substring(eq + 1).strip());
            }
            try {
                auditorBuilder.hostResolver(r.build());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        LogAuditor auditor = auditorBuilder.build();
        PrintWriter err = spec.commandLine().getErr();
        boolean showProgress = progress != null ? progress : System.console() != null;
        Progress sink = new Progress(auditor, err, showProgress);
        long started = System.nanoTime();
        List<String> sources = new ArrayList<>();
        for (Path log : logs) {
            LogFormat.Kind kind = format == null
                    ? LogFormat.kindOf(log.getFileName().toString())
                    : LogFormat.Kind.valueOf(format.toUpperCase(Locale.ROOT));
            LogFormat f = LogFormat.of(kind, logFields).withMaxLineBytes(maxLineBytes);
            sources.add(log.toString());
            try {
                f.read(log, sink);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        sink.done();
        AuditSummary s = auditor.summary();
        if (!showIdentities) {
            s = dev.clearance.audit.ReportIdentities.pseudonymized(s, pseudonymKey, packOptions.catalog());
        }
        AuditReport.write(
                s,
                new AuditReport.Run(auditor.engine().packId(), auditor.engine().packVersion(), sources, Instant.now()),
                report);
        double secs = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        AuditSummary.EffectCounts e = s.effects();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                Locale.ROOT,
                "%d decided (%d DENY, %d REDACT, %d ALLOW), %d skipped, %d unreadable in %.1f s "
                        + "(%.0f records/s)%n",
                s.decided(),
                e.deny(),
                e.redact(),
                e.allow(),
                s.skipped(),
                s.unreadable(),
                secs,
                (s.decided() + s.skipped() + s.unreadable()) / secs);
        for (Map.Entry<IssueKind, Long> i : s.issues().entrySet()) {
            out.printf(
                    Locale.ROOT,
                    "  %s: %d (first at %s)%n",
                    i.getKey(),
                    i.getValue(),
                    s.samples(i.getKey()).isEmpty()
                            ? "-"
                            : s.samples(i.getKey()).get(0));
        }
        out.println("report: " + report.resolve("report.html") + ", " + report.resolve("summary.json"));
        return ExitCodes.OK;
    }

    private byte[] auditKey() {
        if (auditKeyFile == null) {
            return dev.clearance.audit.ReportIdentities.randomKey();
        }
        byte[] key = Keys.bytes(auditKeyFile, "audit key");
        try {
            return dev.clearance.audit.ReportIdentities.requireKey(key, auditKeyFile.toString());
        } catch (IllegalArgumentException e) {
            throw new ExitCodes.InvalidInput(e.getMessage());
        }
    }

    private LogFields parseFields() {
        try {
            return LogFields.parse(fields);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--fields: " + e.getMessage());
        }
    }

    /** Forwards to the auditor; prints a progress line on stderr about once a second. */
    private static final class Progress implements LogSink {
        private final LogSink target;
        private final PrintWriter err;
        private final boolean enabled;
        private final long started = System.nanoTime();
        private long lines;
        private long nextCheck = 10_000;
        private long lastPrint = System.nanoTime();

        Progress(LogSink target, PrintWriter err, boolean enabled) {
            this.target = target;
            this.err = err;
            this.enabled = enabled;
        }

        @Override
        public void record(LogRecord record) {
            target.record(record);
            tick();
        }

        @Override
        public void issue(IssueKind kind, String source, long line) {
            target.issue(kind, source, line);
            tick();
        }

        private void tick() {
            if (++lines < nextCheck || !enabled) {
                return;
            }
            nextCheck = lines + 10_000;
            long now = System.nanoTime();
            if (now - lastPrint > Duration.ofSeconds(1).toNanos()) {
                lastPrint = now;
                double secs = (now - started) / 1e9;
                err.printf(Locale.ROOT, "\rclearance audit: %,d lines, %,.0f/s   ", lines, lines / secs);
                err.flush();
            }
        }

        void done() {
            if (enabled) {
                err.print("\r" + " ".repeat(60) + "\r");
                err.flush();
            }
        }
    }
}
