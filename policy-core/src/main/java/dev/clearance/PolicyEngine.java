package dev.clearance;

import dev.clearance.catalog.ProviderCatalog;
import dev.clearance.decisionlog.DecisionLog;
import dev.clearance.internal.engine.EngineAccess;
import dev.clearance.internal.engine.Evaluator;
import dev.clearance.pack.RulePack;
import dev.clearance.spi.DecisionLogSink;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;

/**
 * Decides whether data may be sent to an AI tool. Build one per rule pack and share it: it is immutable and
 * thread-safe, and {@link #evaluate(PolicyRequest)} never throws for anything a request or a rule can cause.
 *
 * <pre>{@code
 * PolicyEngine engine = PolicyEngine.builder()
 *         .rulePack(DefaultRulePack.v1())
 *         .build();                      // compiles the rules here; throws on errors
 * Decision d = engine.evaluate(request); // ALLOW, DENY or REDACT, with reasons
 * }</pre>
 */
public final class PolicyEngine implements PolicyDecider {
    static {
        EngineAccess.install(engine -> ((PolicyEngine) engine).evaluator);
    }

    /** Default bound of the decision cache. */
    public static final int DEFAULT_DECISION_CACHE_ENTRIES = 16_384;

    private final Evaluator evaluator;
    private final EvaluationLimits limits;

    private PolicyEngine(Evaluator evaluator, EvaluationLimits limits) {
        this.evaluator = evaluator;
        this.limits = limits;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Decides one request. Fails closed: a rule that throws, a limit exceeded or no rule deciding gives
     * {@link Effect#DENY} with a reason and diagnostics, never an exception and never ALLOW. Rules that overrun the
     * time budget, even by never returning, give DENY {@code limit.timeBudget} at the budget plus a small margin
     * ({@link #health()} counts them).
     *
     * @throws NullPointerException only when {@code request} is null
     */
    @Override
    public Decision evaluate(PolicyRequest request) {
        Objects.requireNonNull(request, "request");
        return evaluator.evaluate(request);
    }

    @Override
    public Decision evaluate(PolicyRequest request, Conversation conversation) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(conversation, "conversation");
        return evaluator.evaluate(request, conversation);
    }

    /**
     * Decides {@code request} as {@link #evaluate(PolicyRequest)} does and attaches an {@link Explanation} (read
     * with {@link Decision#explain()}): every rule that acted, overridden ones included, the facts they read, and
     * the single changes of destination, account state or content that would give a more permissive effect, with
     * a hint from the catalog. Costs one extra evaluation per change tried (about one per catalog product), so it
     * is for authors and for telling a denied sender what to do, not for every request. Never throws for
     * anything a request or a rule can cause; when no explanation can be made, the decision has none.
     */
    public Decision explain(PolicyRequest request) {
        Objects.requireNonNull(request, "request");
        return evaluator.explain(request);
    }

    /** The findings in {@code text}, as the rules would see them; nothing is decided. */
    public List<Finding> scan(String text) {
        return evaluator.scanner().scan(text);
    }

    /**
     * Every finding in {@code text} with the recognizer's confidence, the context words that raised or lowered it
     * and whether tuning kept it (see {@link DetectionTuning}); spans only, never the matched text.
     */
    public List<DetectionTuning.Explanation> explainScan(String text) {
        return evaluator.scanner().explain(text);
    }

    /** The findings in {@code text} from content of {@code scope} (a path and labels meet the pack's exclusions). */
    public List<Finding> scan(String text, DetectionTuning.Scope scope) {
        return evaluator.scanner().scan(text, DetectionTuning.none(), scope);
    }

    /** {@link #explainScan(String)} for content of {@code scope}: excluded findings say so. */
    public List<DetectionTuning.Explanation> explainScan(String text, DetectionTuning.Scope scope) {
        return evaluator.scanner().explain(text, DetectionTuning.none(), scope);
    }

    /**
     * Replaces every finding in {@code text}, whatever the destination: the strictest redaction, for text that
     * leaves without a decision (e.g. logs, tickets).
     */
    public RedactionResult redact(String text) {
        Objects.requireNonNull(text, "text");
        return evaluator.redactAll(text);
    }

    /** Id of the rule pack. */
    @Override
    public String packId() {
        return evaluator.pack().id();
    }

    /** Version of the rule pack. */
    @Override
    public String packVersion() {
        return evaluator.pack().version();
    }

    /** The rule pack this engine runs. */
    public RulePack rulePack() {
        return evaluator.pack();
    }

    /** Names (ids) of every rule in the pack, sorted. */
    public List<String> ruleIds() {
        return evaluator.ruleNames();
    }

    /** The catalog destinations resolve through. */
    public ProviderCatalog catalog() {
        return evaluator.catalog();
    }

    /**
     * Whether decisions are memoized (the pack passed the purity test): those of requests without findings, and
     * those with findings when no rule reads a finding's span.
     */
    public boolean cachesDecisions() {
        return evaluator.caching();
    }

    /**
     * How often the decision cache and the {@linkplain Builder#findingsCache(int, long) findings cache} answered
     * so far. Cheap: reads four counters.
     */
    public CacheStats cacheStats() {
        var c = evaluator.cacheCounts();
        return new CacheStats(c.decisionHits(), c.decisionMisses(), c.findingsHits(), c.findingsMisses());
    }

    /**
     * Hits and misses of an engine's caches since it was built.
     *
     * @param decisionHits   decisions answered from the decision cache
     * @param decisionMisses decisions of a cacheable request that the rules had to make
     * @param findingsHits   texts whose findings came from the findings cache
     * @param findingsMisses texts that were scanned (always 0 hits when the findings cache is off)
     */
    public record CacheStats(long decisionHits, long decisionMisses, long findingsHits, long findingsMisses) {
        /** Share of cacheable decisions answered from the cache, 0 when there were none. */
        public double decisionHitRate() {
            long all = decisionHits + decisionMisses;
            return all == 0 ? 0 : (double) decisionHits / all;
        }

        /** Share of scanned texts answered from the findings cache, 0 when there were none. */
        public double findingsHitRate() {
            long all = findingsHits + findingsMisses;
            return all == 0 ? 0 : (double) findingsHits / all;
        }
    }

    public EvaluationLimits limits() {
        return limits;
    }

    /**
     * Time-budget overruns of this engine's rules so far and the rule threads they hold now; see {@link
     * EngineHealth}. Cheap: reads two counters.
     */
    public EngineHealth health() {
        var h = evaluator.health();
        return new EngineHealth(h.overruns(), h.stuckWorkers());
    }

    @Override
    public String toString() {
        return "PolicyEngine[" + packId() + "@" + packVersion() + ", "
                + ruleIds().size() + " rules]";
    }

    /** Builds a {@link PolicyEngine}. Only the rule pack is required. */
    public static final class Builder {
        private RulePack rulePack;
        private ProviderCatalog catalog;
        private EvaluationLimits limits = EvaluationLimits.defaults();
        private ContentScanner scanner;
        private RedactionStyle redactionStyle = RedactionStyle.placeholders();
        private DecisionLogSink auditSink = DecisionLog.none();
        private byte[] auditKey;
        private int decisionCacheEntries = DEFAULT_DECISION_CACHE_ENTRIES;
        private Boolean remediation;
        private int findingsCacheEntries;
        private long findingsCacheChars;
        private List<String> phoneRegions;

        private Builder() {}

        /**
         * Where audit records go; default {@link DecisionLog#none()}: a library logs no decision unless asked to.
         * {@link DecisionLog#slf4j()} writes them to the logger {@value DecisionLog#LOGGER} at INFO (free when
         * that level is off), {@link DecisionLog#appendTo(java.nio.file.Path)} to a file.
         */
        public Builder decisionLog(DecisionLogSink sink) {
            this.auditSink = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /**
         * The HMAC-SHA256 key for the audit record's content hash (at least 16 bytes, copied). Default: a random
         * key per engine, so hashes match only within one engine's lifetime; configure a key to compare content
         * across processes and days.
         */
        public Builder decisionLogKey(byte[] key) {
            Objects.requireNonNull(key, "key");
            if (key.length < 16) {
                throw new IllegalArgumentException("the audit key needs at least 16 bytes");
            }
            this.auditKey = key.clone();
            return this;
        }

        /**
         * Whether DENY reasons carry a {@link Remediation}: the destination's opt-out and the catalog products that
         * would take the request, found by deciding the request at each (one rule run per set of destination facts,
         * on one rule thread, within 250 ms and the time budget; when they do not all finish in time the DENY
         * carries none and is not cached). Default: on when the engine caches decisions (a pure pack, the cache not
         * turned off), where each set of facts pays for its probes once; off otherwise, where every DENY would pay
         * for them (tens to hundreds of microseconds on the default pack). On, it is computed only for a DENY the
         * decision cache does not already hold.
         */
        public Builder remediation(boolean on) {
            this.remediation = on;
            return this;
        }

        /**
         * Bound of the decision cache (default {@value PolicyEngine#DEFAULT_DECISION_CACHE_ENTRIES}; 0 turns it
         * off). Decisions are memoized on every fact the rules can read (findings by everything but their spans,
         * and redaction is redone on each request's text), but only for packs whose rules pass a purity test (no
         * working-memory changes, clocks, randomness, functions, {@code eval}, {@code from} or other globals); see
         * {@link PolicyEngine#cachesDecisions()}.
         */
        public Builder decisionCache(int maxEntries) {
            if (maxEntries < 0) {
                throw new IllegalArgumentException("maxEntries must not be negative: " + maxEntries);
            }
            this.decisionCacheEntries = maxEntries;
            return this;
        }

        /**
         * Remembers the findings of up to {@code maxEntries} texts (and {@code maxChars} chars of them in all), so
         * that a text evaluated again, such as a conversation's earlier messages re-sent on every turn, is not
         * scanned again. Off by default. A hit is confirmed by comparing the whole text, so it is always the same
         * text; the texts are held in this engine's memory only, never written anywhere. Texts longer than a
         * quarter of {@code maxChars} are not kept.
         *
         * @param maxEntries at least 1
         * @param maxChars   at least 1
         */
        public Builder findingsCache(int maxEntries, long maxChars) {
            if (maxEntries < 1 || maxChars < 1) {
                throw new IllegalArgumentException("maxEntries and maxChars must be at least 1");
            }
            this.findingsCacheEntries = maxEntries;
            this.findingsCacheChars = maxChars;
            return this;
        }

        /** The rules to run; required. */
        public Builder rulePack(RulePack rulePack) {
            this.rulePack = Objects.requireNonNull(rulePack, "rulePack");
            return this;
        }

        /** The catalog destinations resolve through; default: the rule pack's own catalog. */
        public Builder catalog(ProviderCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        public Builder limits(EvaluationLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * The detectors content is scanned with; default: {@link ContentScanner#defaults()} plus the pack's term
         * sets. Use {@link ContentScanner#none()} to decide on declared classification alone.
         */
        public Builder scanner(ContentScanner scanner) {
            this.scanner = Objects.requireNonNull(scanner, "scanner");
            return this;
        }

        /**
         * The regions national phone numbers are validated against (ISO 3166 alpha-2, such as {@code GB}); default:
         * the pack's {@code phoneRegions}, else the built-in 16. Applies to the default scanner (not to one set with
         * {@link #scanner(ContentScanner)}, which has its own).
         *
         * @throws IllegalArgumentException when the list is empty or a region is not one libphonenumber knows
         */
        public Builder phoneRegions(List<String> regions) {
            this.phoneRegions = dev.clearance.internal.detect.pii.PiiDetector.checkPhoneRegions(
                    Objects.requireNonNull(regions, "regions"));
            return this;
        }

        /** The scanner of an engine not given one: defaults, the pack's term sets, tuning, entities, phone regions. */
        private ContentScanner defaultScanner() {
            ContentScanner.Builder b = ContentScanner.builder().addDefaults().pack(rulePack);
            if (phoneRegions != null) {
                b.phoneRegions(phoneRegions);
            }
            return b.build();
        }

        /** How findings are replaced; default {@link RedactionStyle#placeholders()}. */
        public Builder redactionStyle(RedactionStyle style) {
            this.redactionStyle = Objects.requireNonNull(style, "style");
            return this;
        }

        /**
         * Compiles the rule pack.
         *
         * @throws IllegalStateException        when no rule pack was set
         * @throws RulePackCompilationException when the pack does not compile, with file, line and column, or when
         *     its warm-up evaluation does not finish within the time budget (at least 5 s)
         */
        public PolicyEngine build() {
            if (rulePack == null) {
                throw new IllegalStateException("a rule pack is required: call rulePack(...) before build()");
            }
            ProviderCatalog effectiveCatalog = catalog != null ? catalog : rulePack.catalog();
            ContentScanner effectiveScanner = scanner != null ? scanner : defaultScanner();
            byte[] key = auditKey;
            if (key == null) {
                key = new byte[32];
                new SecureRandom().nextBytes(key);
            }
            return new PolicyEngine(
                    new Evaluator(
                            rulePack,
                            effectiveCatalog,
                            effectiveScanner,
                            limits,
                            redactionStyle,
                            auditSink,
                            key,
                            decisionCacheEntries,
                            findingsCacheEntries,
                            findingsCacheChars,
                            remediation),
                    limits);
        }
    }
}
