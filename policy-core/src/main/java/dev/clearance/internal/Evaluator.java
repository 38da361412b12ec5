package dev.clearance.internal;

import dev.clearance.Classification;
import dev.clearance.ContentScanner;
import dev.clearance.Decision;
import dev.clearance.Diagnostic;
import dev.clearance.Effect;
import dev.clearance.EvaluationLimits;
import dev.clearance.Finding;
import dev.clearance.FindingCategory;
import dev.clearance.PolicyRequest;
import dev.clearance.ProviderCatalog;
import dev.clearance.Reason;
import dev.clearance.RedactionResult;
import dev.clearance.RedactionStyle;
import dev.clearance.RulePack;
import dev.clearance.Severity;
import dev.clearance.facts.Context;
import dev.clearance.facts.Data;
import dev.clearance.facts.Destination;
import dev.clearance.facts.User;
import dev.clearance.facts.Verdict;
import dev.clearance.AuditRecord;
import dev.clearance.Tier;
import dev.clearance.spi.AuditSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One compiled pack with everything needed to decide: catalog, scanner, limits. Immutable and thread-safe.
 * Internal: may change at any time.
 */
public final class Evaluator {
    private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);

    /** Reason id used when no rule decided. */
    public static final String DEFAULT_DENY = "default-deny";
    /** Reason id used when evaluation failed; the diagnostics say why. */
    public static final String EVALUATION_ERROR = "evaluation-error";

    private final RulePack pack;
    private final DroolsRuntime runtime;
    private final DestinationResolver resolver;
    private final ContentScanner scanner;
    private final EvaluationLimits limits;
    private final RedactionStyle style;
    private final ProviderCatalog catalog;
    private final AuditSink audit;
    private final ContentHasher hasher;
    private final DecisionCache cache;

    /**
     * @param cacheEntries bound of the decision cache for pure packs; 0 disables it
     */
    public Evaluator(RulePack pack, ProviderCatalog catalog, ContentScanner scanner, EvaluationLimits limits,
            RedactionStyle style, AuditSink audit, byte[] auditKey, int cacheEntries) {
        this.pack = pack;
        this.runtime = DroolsRuntime.compile(pack);
        this.catalog = catalog;
        this.resolver = new DestinationResolver(catalog);
        this.scanner = scanner;
        this.limits = limits;
        this.style = style;
        this.audit = audit;
        this.hasher = new ContentHasher(auditKey);
        this.cache = cacheEntries > 0 ? DecisionCache.forPack(pack, cacheEntries) : null;
        warmUp();
    }

    /**
     * One synthetic evaluation at build time, so that lazy initialisation (session pool, constraint compilation,
     * detector tables) does not land on the first real decision and count against its time budget.
     */
    private void warmUp() {
        List<Object> facts = List.of(new Data(Classification.INTERNAL, Classification.INTERNAL, List.of(), 0, false),
                new Destination("", "", Tier.UNKNOWN, false, true, false, null, true), new User(null, List.of()),
                new Context(null));
        runtime.run(facts, new Verdict(), limits.maxRuleFirings(), System.nanoTime() + 10_000_000_000L);
        scanner.scan("warm-up: mail a@b.io");
    }

    /** Whether decisions of finding-free requests are memoized (the pack passed the purity test). */
    public boolean caching() {
        return cache != null;
    }

    public RulePack pack() {
        return pack;
    }

    public ProviderCatalog catalog() {
        return catalog;
    }

    public List<String> ruleNames() {
        return runtime.ruleNames();
    }

    public ContentScanner scanner() {
        return scanner;
    }

    /** Every finding in {@code text} replaced, whatever the policy; for {@code clearance redact}. */
    public RedactionResult redactAll(String text) {
        return Redactor.apply(text, scanner.scan(text), style);
    }

    /** Decides; never throws for anything a request or a rule can cause. */
    public Decision evaluate(PolicyRequest request) {
        if (cache != null && request.data().content() == null) {
            Decision hit = cached(request);
            if (hit != null) {
                return hit;
            }
        }
        return evaluate(request, null);
    }

    /**
     * The hot path: a request without content whose facts were decided before. No clock is read; such a
     * decision takes well under a microsecond, so its {@code elapsedMicros} is 0.
     */
    private Decision cached(PolicyRequest request) {
        DecisionCache.Entry hit;
        try {
            hit = cache.get(cache.key(request, request.data().classification(), null));
        } catch (RuntimeException e) {
            return null;
        }
        if (hit == null) {
            return null;
        }
        Decision d = new Decision(request.id(), newId(), hit.effect(), hit.reasons(), List.of(), null,
                hit.diagnostics(), 0, pack.id(), pack.version(), null);
        if (audit.enabled()) {
            Evaluation e = new Evaluation();
            e.tier = hit.tier();
            audit(request, d, e);
        }
        return d;
    }

    /**
     * Decides with {@code findings} given instead of scanned from the content (for analysis over synthetic
     * situations); null scans as usual.
     */
    public Decision evaluate(PolicyRequest request, List<Finding> findings) {
        return run(request, findings, null, null);
    }

    /**
     * What a decision was made of: the decision and every outcome the rules recorded, including those the
     * combination overrode. For rule coverage and pack analysis.
     */
    public record Trace(Decision decision, List<Verdict.Outcome> outcomes) {
        public Trace {
            outcomes = List.copyOf(outcomes);
        }

        /** Names of the rules that acted on the verdict. */
        public Set<String> firedRules() {
            Set<String> fired = new LinkedHashSet<>();
            for (Verdict.Outcome o : outcomes) {
                fired.add(o.ruleId());
            }
            return fired;
        }
    }

    /**
     * Decides as {@link #evaluate} does and keeps every outcome; the rules always run (no decision cache) and
     * no audit record is written (test runs are not traffic).
     */
    public Trace trace(PolicyRequest request) {
        Verdict verdict = new Verdict();
        Decision d = run(request, null, null, verdict);
        return new Trace(d, verdict.outcomes());
    }

    /**
     * Decides on synthetic facts, for analysis over the enumerated domain: {@code destination} is used as the
     * resolved destination (the catalog is not consulted) and {@code findings} replace scanning the content.
     * Spans of {@code findings} must lie within the request's content. The time budget does not apply (analysis
     * must not depend on machine load); the rule-firing limit does. Not cached, not audited.
     */
    public Trace trace(PolicyRequest request, Destination destination, List<Finding> findings) {
        Verdict verdict = new Verdict();
        Decision d = run(request, List.copyOf(findings), Objects.requireNonNull(destination, "destination"),
                verdict);
        return new Trace(d, verdict.outcomes());
    }

    /** {@code verdict} null: a normal evaluation (cached, audited); otherwise a trace into that verdict. */
    private Decision run(PolicyRequest request, List<Finding> findings, Destination destination, Verdict verdict) {
        long started = System.nanoTime();
        Evaluation e = new Evaluation();
        Decision d;
        try {
            d = decide(request, findings, destination, verdict, started, e);
        } catch (RuntimeException | StackOverflowError ex) {
            LOG.warn("evaluation failed closed: {}", ex.getClass().getName());
            d = deny(request, started, EVALUATION_ERROR, "evaluation failed: denied (fail closed)",
                    List.of(Diagnostic.of(Severity.ERROR, "evaluation failed with " + ex.getClass().getSimpleName())));
        }
        if (verdict == null && audit.enabled()) {
            audit(request, d, e);
        }
        return d;
    }

    /** What an evaluation learned on the way, for the audit record. */
    private static final class Evaluation {
        List<Finding> findings = List.of();
        Classification effective;
        Tier tier;
    }

    private void audit(PolicyRequest request, Decision d, Evaluation e) {
        try {
            String content = request.data().content();
            Map<String, Integer> counts = new HashMap<>();
            for (Finding f : e.findings) {
                counts.merge(f.type(), 1, Integer::sum);
            }
            audit.record(new AuditRecord(d.decisionId(), Instant.now(), request.id(), d.effect(), d.ruleIds(),
                    d.pack(), d.packVersion(), request.user().id(), request.destination().product(),
                    request.destination().provider(), e.tier, e.effective != null ? e.effective
                            : request.data().classification(), request.data().classification(), counts,
                    content == null ? 0 : content.length(), content == null ? null : hasher.hash(content),
                    d.elapsedMicros()));
        } catch (RuntimeException ex) {
            LOG.warn("audit sink {} failed: {}", audit, ex.getClass().getName());
        }
    }

    private Decision decide(PolicyRequest request, List<Finding> given, Destination givenDestination,
            Verdict traced, long started, Evaluation e) {
        // synthetic runs (analysis) are not bounded in time: a loaded machine must not change their outcome
        long deadline = started + (givenDestination != null ? Long.MAX_VALUE / 2 : limits.timeBudget().toNanos());
        String content = request.data().content();
        if (content != null && content.length() > limits.maxContentChars()) {
            return limit(request, started, "maxContentChars", limits.maxContentChars(),
                    "content of " + content.length() + " chars exceeds the maximum allowed");
        }
        List<Finding> findings = given != null ? given : content == null ? List.of() : scanner.scan(content);
        e.findings = findings;
        if (findings.size() > limits.maxFindings()) {
            return limit(request, started, "maxFindings", limits.maxFindings(),
                    findings.size() + " findings exceed the maximum allowed");
        }
        Classification declared = request.data().classification();
        Classification effective = declared;
        for (Finding f : findings) {
            if (f.category() == FindingCategory.CUSTOM) {
                effective = Classification.max(effective, f.classification());
            }
        }
        e.effective = effective;
        DecisionCache.Key key = cache != null && traced == null && givenDestination == null && findings.isEmpty()
                ? cache.key(request, effective, content) : null;
        if (key != null) {
            DecisionCache.Entry hit = cache.get(key);
            if (hit != null) {
                e.tier = hit.tier();
                return new Decision(request.id(), newId(), hit.effect(), hit.reasons(), List.of(), null,
                        hit.diagnostics(), micros(started), pack.id(), pack.version(), null);
            }
        }
        List<Diagnostic> diagnostics = new ArrayList<>(0);
        Destination destination = givenDestination != null ? givenDestination
                : resolver.resolve(request.destination(), diagnostics);
        e.tier = destination.getTier();
        List<Object> facts = new ArrayList<>(4 + findings.size());
        facts.add(new Data(effective, declared, request.data().labels(), content == null ? 0 : content.length(),
                content != null));
        facts.add(destination);
        facts.add(new User(request.user().id(), request.user().groups()));
        facts.add(new Context(request.purpose()));
        facts.addAll(findings);

        Verdict verdict = traced != null ? traced : new Verdict();
        DroolsRuntime.Run run = runtime.run(facts, verdict, limits.maxRuleFirings(), deadline);
        if (run.failure() != null) {
            LOG.warn("rule '{}' of pack {}@{} threw {}", run.failedRule(), pack.id(), pack.version(),
                    run.failure().getClass().getName());
            diagnostics.add(new Diagnostic(Severity.ERROR, "", 0, 0, run.failedRule(), "rule '" + run.failedRule()
                    + "' threw " + run.failure().getClass().getSimpleName() + ": denied (fail closed)"));
            return deny(request, started, EVALUATION_ERROR, "a rule failed: denied (fail closed)", diagnostics);
        }
        if (run.timedOut() || System.nanoTime() - deadline > 0) {
            return limit(request, started, "timeBudget", limits.timeBudget().toMillis(),
                    "evaluation exceeded its time budget of " + limits.timeBudget().toMillis() + " ms");
        }
        if (run.firingLimitHit()) {
            return limit(request, started, "maxRuleFirings", limits.maxRuleFirings(),
                    "rules fired " + run.firings() + " times, the maximum allowed");
        }
        Decision decision = combine(request, started, verdict, content, diagnostics);
        if (key != null) {
            cache.put(key, new DecisionCache.Entry(decision.effect(), decision.reasons(), decision.diagnostics(),
                    destination.getTier()));
        }
        return decision;
    }

    private Decision combine(PolicyRequest request, long started, Verdict verdict, String content,
            List<Diagnostic> diagnostics) {
        Effect effect = null;
        for (Verdict.Outcome o : verdict.outcomes()) {
            if (o.effect() == Effect.DENY) {
                effect = Effect.DENY;
                break;
            } else if (o.effect() == Effect.REDACT) {
                effect = Effect.REDACT;
            } else if (o.effect() == Effect.ALLOW && effect == null) {
                effect = Effect.ALLOW;
            }
        }
        if (effect == null) {
            return deny(request, started, DEFAULT_DENY, "no rule allowed this request", diagnostics);
        }
        List<Reason> reasons = new ArrayList<>(2);
        Set<String> seen = new LinkedHashSet<>();
        List<Finding> toRedact = new ArrayList<>();
        for (Verdict.Outcome o : verdict.outcomes()) {
            if (o.effect() == effect && seen.add(o.ruleId())) {
                reasons.add(reason(o.ruleId(), o.effect(), o.message()));
            }
            if (o.effect() == Effect.REDACT) {
                toRedact.add(o.finding());
            }
        }
        for (Verdict.Outcome o : verdict.outcomes()) {
            if (o.effect() == null && seen.add(o.ruleId())) {
                reasons.add(reason(o.ruleId(), null, o.message()));
            }
        }
        if (effect == Effect.REDACT) {
            RedactionResult r = Redactor.apply(content, toRedact, style);
            return new Decision(request.id(), newId(), effect, reasons, r.redactions(), r.content(), diagnostics,
                    micros(started), pack.id(), pack.version(), r.restorer());
        }
        return new Decision(request.id(), newId(), effect, reasons, List.of(), null, diagnostics, micros(started),
                pack.id(), pack.version(), null);
    }

    private Decision limit(PolicyRequest request, long started, String setting, long value, String message) {
        String text = message + " (" + value + ", from EvaluationLimits." + setting + "())";
        return deny(request, started, "limit." + setting, text,
                List.of(new Diagnostic(Severity.ERROR, "", 0, 0, null, text)));
    }

    private Decision deny(PolicyRequest request, long started, String ruleId, String message,
            List<Diagnostic> diagnostics) {
        return new Decision(request.id(), newId(), Effect.DENY, List.of(reason(ruleId, Effect.DENY, message)),
                List.of(), null, diagnostics, micros(started), pack.id(), pack.version(), null);
    }

    private Reason reason(String ruleId, Effect effect, String message) {
        return new Reason(ruleId, effect, message, pack.id(), pack.version());
    }

    private static long micros(long started) {
        return (System.nanoTime() - started) / 1_000;
    }

    private static String newId() {
        return DecisionIds.next();
    }
}
