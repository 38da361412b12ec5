package dev.clearance.audit;

import dev.clearance.PolicyEngine;
import dev.clearance.PolicyRequest;
import dev.clearance.Tier;
import dev.clearance.catalog.HostResolver;
import dev.clearance.catalog.Product;
import dev.clearance.decisionlog.DecisionLogRecord;
import dev.clearance.spi.DecisionLogSink;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides log records with a normal {@link PolicyEngine} and folds each outcome into an {@link AuditSummary}.
 * A {@link LogSink}: hand it to {@link LogFormat#read}. One per thread (it is not thread-safe); summaries of
 * several auditors {@linkplain AuditSummary#merge(AuditSummary) merge}.
 *
 * <p>The destination is the record's {@code product} when given, else its {@code url} resolved through the
 * catalog ({@link HostResolver}). A URL whose host no product is reached through is counted as
 * {@link IssueKind#UNKNOWN_HOST} with its host and skipped — most proxy traffic is not AI — unless
 * {@link Builder#decideUnknownHosts(boolean)} asks to decide it as an uncatalogued (UNKNOWN) destination.
 */
public final class LogAuditor implements LogSink {
    private final PolicyEngine engine;
    private final HostResolver resolver;
    private final boolean decideUnknownHosts;
    private final int maxContentChars;
    private AuditSummary summary;
    private final ThreadLocal<DecisionLogRecord> last;

    private LogAuditor(Builder b) {
        this.last = new ThreadLocal<>();
        ThreadLocal<DecisionLogRecord> capture = last;
        DecisionLogSink sink = capture::set;
        this.engine = b.engine.decisionLog(sink).build();
        this.resolver = b.hostResolver != null ? b.hostResolver.apply(engine) : HostResolver.of(engine.catalog());
        this.decideUnknownHosts = b.decideUnknownHosts;
        this.maxContentChars = engine.limits().maxContentChars();
        this.summary = b.summary != null ? b.summary : new AuditSummary();
    }

    /**
     * An auditor over the engine {@code engine} builds. The builder's audit sink is replaced: the auditor reads
     * each decision's audit record (never content) to count rules, tiers and finding types.
     */
    public static Builder builder(PolicyEngine.Builder engine) {
        return new Builder(engine);
    }

    @Override
    public void record(LogRecord r) {
        summary.recordRead();
        PolicyRequest.Destination destination;
        String productKey;
        Tier tier = null;
        if (r.product() != null) {
            destination = PolicyRequest.Destination.product(r.product());
            productKey = r.product();
        } else {
            Optional<Product> p = resolver.resolve(r.url());
            if (p.isPresent()) {
                destination = PolicyRequest.Destination.product(p.get().id());
                productKey = p.get().id();
                tier = p.get().tier();
            } else {
                Optional<String> host = HostResolver.hostOf(r.url());
                if (host.isEmpty()) {
                    summary.issue(IssueKind.INVALID_URL, r.source(), r.line());
                    return;
                }
                summary.unknownHost(host.get());
                summary.issue(IssueKind.UNKNOWN_HOST, r.source(), r.line());
                if (!decideUnknownHosts) {
                    return;
                }
                destination = PolicyRequest.Destination.product(productKeyOf(host.get()));
                productKey = productKeyOf(host.get());
            }
        }
        if (r.content() != null && r.content().length() > maxContentChars) {
            summary.issue(IssueKind.CONTENT_TOO_LARGE, r.source(), r.line());
        }
        PolicyRequest request = new PolicyRequest(
                r.source() + ":" + r.line(),
                new PolicyRequest.User(r.user(), null),
                destination,
                new PolicyRequest.Data(r.classification(), r.content(), null),
                null);
        last.remove();
        var decision = engine.evaluate(request);
        DecisionLogRecord audit = last.get();
        last.remove();
        if (audit == null) {
            // the sink failed or was skipped: count the effect with what the decision itself says
            audit = new DecisionLogRecord(
                    decision.decisionId(),
                    java.time.Instant.now(),
                    request.id(),
                    decision.effect(),
                    decision.ruleIds(),
                    decision.pack(),
                    decision.packVersion(),
                    r.user(),
                    destination.product(),
                    destination.provider(),
                    tier,
                    null,
                    null,
                    java.util.Map.of(),
                    0,
                    null,
                    0);
        }
        summary.add(r.time(), r.user(), productKey, audit.tier() != null ? audit.tier() : tier, audit);
    }

    @Override
    public void issue(IssueKind kind, String source, long line) {
        summary.issue(kind, source, line);
    }

    /** What this auditor counted so far (live: later records keep adding to it). */
    public AuditSummary summary() {
        return summary;
    }

    /**
     * Returns what this auditor counted so far and starts counting afresh, keeping the engine: for partial
     * summaries (one per Beam bundle) that are merged later.
     */
    public AuditSummary drain() {
        AuditSummary s = summary;
        summary = new AuditSummary();
        return s;
    }

    /** The engine records are decided with. */
    public PolicyEngine engine() {
        return engine;
    }

    /** Builds a {@link LogAuditor}. */
    public static final class Builder {
        private final PolicyEngine.Builder engine;
        private java.util.function.Function<PolicyEngine, HostResolver> hostResolver;
        private boolean decideUnknownHosts;
        private AuditSummary summary;

        private Builder(PolicyEngine.Builder engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
        }

        /** How URLs resolve; default {@code HostResolver.of(engine.catalog())}. */
        public Builder hostResolver(HostResolver resolver) {
            Objects.requireNonNull(resolver, "resolver");
            this.hostResolver = e -> resolver;
            return this;
        }

        /** Decide URLs of unknown hosts as UNKNOWN destinations instead of skipping them; default false. */
        public Builder decideUnknownHosts(boolean decide) {
            this.decideUnknownHosts = decide;
            return this;
        }

        /** The summary to add to; default a new one. */
        public Builder summary(AuditSummary into) {
            this.summary = Objects.requireNonNull(into, "into");
            return this;
        }

        /** Builds the engine (compiling the pack) and the auditor. */
        public LogAuditor build() {
            return new LogAuditor(this);
        }
    }

    /** An uncatalogued host as a product id the catalog cannot know: an UNKNOWN destination. */
    private static String productKeyOf(String host) {
        return "unknown:" + host;
    }
}
