package dev.clearance.internal.engine;

import dev.clearance.Classification;
import dev.clearance.ContentScanner;
import dev.clearance.Conversation;
import dev.clearance.Decision;
import dev.clearance.DetectionTuning;
import dev.clearance.Diagnostic;
import dev.clearance.Effect;
import dev.clearance.EvaluationLimits;
import dev.clearance.Finding;
import dev.clearance.FindingCategory;
import dev.clearance.InvalidRequestException;
import dev.clearance.PolicyRequest;
import dev.clearance.Reason;
import dev.clearance.ReasonIds;
import dev.clearance.RedactionResult;
import dev.clearance.RedactionStyle;
import dev.clearance.RulePackCompilationException;
import dev.clearance.Severity;
import dev.clearance.Tier;
import dev.clearance.catalog.ProviderCatalog;
import dev.clearance.facts.Context;
import dev.clearance.facts.Data;
import dev.clearance.facts.Destination;
import dev.clearance.facts.User;
import dev.clearance.facts.Verdict;
import dev.clearance.pack.RulePack;
import dev.clearance.spi.DecisionLogSink;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One compiled pack with everything needed to decide: catalog, scanner, limits. Immutable and thread-safe.
 * Internal: may change at any time.
 *
 * <p>A decision is a pipeline, each step one method below: check the input limits, <b>scan</b> the content (or
 * take the given findings), look in the decision <b>cache</b>, <b>resolve</b> the destination through the
 * catalog, run the <b>rules</b>, <b>combine</b> their outcomes ({@link DecisionCombiner}), <b>redact</b>, and
 * <b>record</b> the decision log ({@link DecisionLogWriter}). The {@link EvaluationMode} says which steps apply.
 * Anything that goes wrong on the way is a DENY: nothing a request or a rule does escapes as an exception.
 */
public final class Evaluator {
    private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);

    private final RulePack pack;
    private final DroolsRuntime runtime;
    private final DestinationResolver resolver;
    private final ContentScanner scanner;
    private final EvaluationLimits limits;
    private final RedactionStyle style;
    private final ProviderCatalog catalog;
    private final DecisionLogWriter log;
    private final DecisionCombiner combiner;
    private final DecisionCache cache;
    /** No rule tells destinations apart by more than their facts ({@link DecisionCache#productBlind}). */
    private final boolean productBlind;
    /** Whether DENY reasons get a remediation. */
    private final boolean remediation;

    private final FindingsCache findingsCache;
    private final RuleWorkers workers = RuleWorkers.forCores();
    private final LongAdder overruns = new LongAdder();

    /**
     * @param cacheEntries bound of the decision cache for pure packs; 0 disables it
     * @param findingsCacheEntries bound of the findings cache in texts; 0 disables it
     * @param findingsCacheChars bound of the findings cache in chars of the texts it holds
     * @param remediation whether DENY reasons get a remediation ({@link Explainer#remediation}); {@code null}: when
     *     the decision cache is on (a pure pack), so each set of facts pays for its probes once
     */
    public Evaluator(
            RulePack pack,
            ProviderCatalog catalog,
            ContentScanner scanner,
            EvaluationLimits limits,
            RedactionStyle style,
            DecisionLogSink decisionLog,
            byte[] decisionLogKey,
            int cacheEntries,
            int findingsCacheEntries,
            long findingsCacheChars,
            Boolean remediation) {
        this.pack = pack;
        this.runtime = DroolsRuntime.compile(pack);
        this.catalog = catalog;
        this.resolver = new DestinationResolver(catalog);
        this.scanner = scanner;
        this.limits = limits;
        this.style = style;
        this.log = new DecisionLogWriter(decisionLog, decisionLogKey, limits.maxFieldChars());
        this.combiner = new DecisionCombiner(pack.id(), pack.version());
        this.cache = cacheEntries > 0 ? DecisionCache.forPack(pack, cacheEntries) : null;
        this.remediation = remediation != null ? remediation : cache != null;
        this.productBlind = DecisionCache.productBlind(pack);
        this.findingsCache =
                findingsCacheEntries > 0 ? new FindingsCache(findingsCacheEntries, findingsCacheChars) : null;
        warmUp();
    }

    /** Least time the warm-up evaluation is given, however short the time budget: it pays for lazy set-up. */
    static final long MIN_WARM_UP_NANOS = TimeUnit.SECONDS.toNanos(5);

    /**
     * One synthetic evaluation at build time, so that lazy initialisation (session pool, constraint compilation,
     * detector tables) does not land on the first real decision and count against its time budget. It runs on the
     * rule threads under the time budget (at least {@link #MIN_WARM_UP_NANOS}); a rule that does not return by then
     * makes the pack unusable.
     *
     * @throws RulePackCompilationException when the warm-up overran
     */
    private void warmUp() {
        List<Object> facts = List.of(
                new Data(Classification.INTERNAL, Classification.INTERNAL, List.of(), 0, false),
                new Destination("", "", Tier.UNKNOWN, false, true, false, null, true),
                new User(null, List.of()),
                new Context(null));
        long deadline = System.nanoTime()
                + Math.max(MIN_WARM_UP_NANOS, limits.timeBudget().toNanos());
        DroolsRuntime.Halt halt = new DroolsRuntime.Halt();
        RuleWorkers.Result r = workers.run(
                () -> runtime.run(facts, new Verdict(), limits.maxRuleFirings(), deadline, halt), halt, deadline);
        if (r.status() != RuleWorkers.Status.COMPLETED || r.run().timedOut()) {
            throw new RulePackCompilationException(
                    pack.id(),
                    List.of(Diagnostic.of(
                            Severity.ERROR,
                            "the warm-up evaluation did not finish within "
                                    + TimeUnit.NANOSECONDS.toMillis(Math.max(
                                            MIN_WARM_UP_NANOS,
                                            limits.timeBudget().toNanos()))
                                    + " ms: a rule runs away or never returns")));
        }
        scanner.scan("warm-up: mail a@b.io");
    }

    /** Time-budget overruns of the rules so far, and threads held by rules that did not return. */
    public record Health(long overruns, int stuckWorkers) {}

    public Health health() {
        return new Health(overruns.sum(), workers.stuck());
    }

    /** Whether decisions of finding-free requests are memoized (the pack passed the purity test). */
    public boolean caching() {
        return cache != null;
    }

    /** Hits and misses of the decision cache and of the findings cache so far. */
    public record CacheCounts(long decisionHits, long decisionMisses, long findingsHits, long findingsMisses) {}

    public CacheCounts cacheCounts() {
        return new CacheCounts(
                cache == null ? 0 : cache.hits(),
                cache == null ? 0 : cache.misses(),
                findingsCache == null ? 0 : findingsCache.hits(),
                findingsCache == null ? 0 : findingsCache.misses());
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

    /** Decides real traffic ({@link EvaluationMode#NORMAL}); never throws for anything a request or a rule can cause. */
    public Decision evaluate(PolicyRequest request) {
        if (cache != null && request.data().content() == null && fieldLimits(request, 0L) == null) {
            Decision hit = cachedWithoutContent(request);
            if (hit != null) {
                return hit;
            }
        }
        return run(request, EvaluationMode.NORMAL, null, null, new Verdict(), null);
    }

    /**
     * Decides one turn of a conversation: as {@link #evaluate(PolicyRequest)}, with placeholders from the
     * conversation's table so that a value keeps its placeholder across turns.
     */
    public Decision evaluate(PolicyRequest request, Conversation conversation) {
        return run(request, EvaluationMode.NORMAL, null, null, new Verdict(), conversation);
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

    /** Decides a test case ({@link EvaluationMode#TRACE}): the rules always run and every outcome is kept. */
    public Trace trace(PolicyRequest request) {
        Verdict verdict = new Verdict();
        Decision d = run(request, EvaluationMode.TRACE, null, null, verdict, null);
        return new Trace(d, overran(d) ? List.of() : verdict.outcomes());
    }

    /**
     * Decides a synthetic situation ({@link EvaluationMode#SYNTHETIC}): {@code destination} is used as the
     * resolved destination and {@code findings} replace scanning. Spans of {@code findings} must lie within the
     * request's content. The rule-firing limit applies, the time budget does not.
     */
    public Trace trace(PolicyRequest request, Destination destination, List<Finding> findings) {
        Verdict verdict = new Verdict();
        Decision d = run(
                request,
                EvaluationMode.SYNTHETIC,
                Objects.requireNonNull(destination, "destination"),
                List.copyOf(findings),
                verdict,
                null);
        return new Trace(d, verdict.outcomes());
    }

    /**
     * Decides real traffic as {@link #evaluate(PolicyRequest)} does and attaches an explanation: the rules that
     * acted, the facts they read and the counterfactuals, found by deciding changed requests (not logged). When the
     * explanation cannot be made the decision is returned without one.
     */
    public Decision explain(PolicyRequest request) {
        Decision d = evaluate(request);
        try {
            return d.withExplanation(new Explainer(this).explain(request, d));
        } catch (RuntimeException ex) {
            LOG.warn("explanation failed: {}", ex.getClass().getName());
            return d;
        }
    }

    /**
     * {@code reasons} with the remediation of a DENY on each DENY reason ({@link Explainer#remediation}), probing
     * within what is left of the request's time budget; the reasons as they are when there is nothing to suggest
     * or the probing fails (the decision stays DENY either way); null when the probes did not all finish in time.
     */
    private List<Reason> remediated(
            PolicyRequest request,
            List<Reason> reasons,
            Classification effective,
            Destination destination,
            List<Finding> findings,
            long started) {
        try {
            long deadline =
                    Math.min(started + limits.timeBudget().toNanos(), System.nanoTime() + REMEDIATION_BUDGET_NANOS);
            dev.clearance.Remediation r =
                    new Explainer(this).remediation(request, effective, destination, findings, deadline);
            if (r == null) {
                return null;
            }
            if (r.isEmpty()) {
                return reasons;
            }
            List<Reason> out = new ArrayList<>(reasons.size());
            for (Reason reason : reasons) {
                out.add(reason.effect() == Effect.DENY ? reason.withRemediation(r) : reason);
            }
            return List.copyOf(out);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.warn("remediation failed: {}", e.getClass().getName());
            return reasons;
        }
    }

    /** Longest the remediation probes of one DENY may take (and never past the request's time budget). */
    static final long REMEDIATION_BUDGET_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(250);

    /**
     * What the rules decide for {@code request} at each of {@code destinations} (the findings and effective
     * classification as they are): all runs on one rule thread, one after the other, until {@code deadline}. A
     * run that fails or hits the firing limit counts as DENY: a probe never suggests what it did not see allowed.
     * Null when the runs did not all finish by the deadline.
     */
    Effect[] probeEffects(
            PolicyRequest request,
            Classification effective,
            List<Destination> destinations,
            List<Finding> findings,
            long deadline) {
        Effect[] effects = new Effect[destinations.size()];
        java.util.Arrays.fill(effects, Effect.DENY);
        if (destinations.isEmpty()) {
            return effects;
        }
        Effect[] found = new Effect[destinations.size()];
        java.util.Arrays.fill(found, Effect.DENY);
        int[] done = {0};
        DroolsRuntime.Halt halt = new DroolsRuntime.Halt();
        int max = limits.maxRuleFirings();
        RuleWorkers.Result r = workers.run(
                () -> {
                    DroolsRuntime.Run last = new DroolsRuntime.Run(0, false, false, null, null);
                    for (int i = 0; i < found.length && System.nanoTime() - deadline < 0 && !halt.halted(); i++) {
                        Verdict v = new Verdict();
                        DroolsRuntime.Run run = runtime.run(
                                facts(request, effective, destinations.get(i), findings), v, max, deadline, halt);
                        if (run.timedOut()) {
                            break;
                        }
                        if (run.failure() == null && !run.firingLimitHit()) {
                            DecisionCombiner.Combined c = combiner.combine(v.outcomes());
                            found[i] = c.decided() ? c.effect() : Effect.DENY;
                        }
                        done[0] = i + 1;
                        last = run;
                    }
                    return last;
                },
                halt,
                deadline);
        if (r.status() != RuleWorkers.Status.COMPLETED || done[0] < found.length) {
            return null; // cut short: what was seen is not the whole answer
        }
        System.arraycopy(found, 0, effects, 0, found.length);
        return effects;
    }

    /** Whether no rule tells two destinations with the same facts apart (product and provider names unread). */
    boolean productBlind() {
        return productBlind;
    }

    /** The destination facts the rules would see for {@code d}. */
    Destination resolve(PolicyRequest.Destination d) {
        return resolver.resolve(d, new ArrayList<>(0));
    }

    /** What one pass through the pipeline produced, with what the decision log needs to know of it. */
    private record Outcome(Decision decision, List<Finding> findings, Classification effective, Tier tier) {
        static Outcome early(Decision decision) {
            return new Outcome(decision, List.of(), null, null);
        }
    }

    private Decision run(
            PolicyRequest request,
            EvaluationMode mode,
            Destination givenDestination,
            List<Finding> givenFindings,
            Verdict verdict,
            Conversation conversation) {
        long started = System.nanoTime();
        Outcome out;
        try {
            out = pipeline(request, mode, givenDestination, givenFindings, verdict, started, conversation);
        } catch (RuntimeException | Error ex) { // an Error (stack overflow, out of memory) fails closed too
            LOG.warn("evaluation failed closed: {}", ex.getClass().getName());
            out = Outcome.early(deny(
                    request,
                    started,
                    ReasonIds.EVALUATION_ERROR,
                    "evaluation failed: denied (fail closed)",
                    List.of(Diagnostic.of(
                            Severity.ERROR,
                            "evaluation failed with " + ex.getClass().getSimpleName()))));
        }
        if (mode.logged() && log.enabled()) {
            log.write(request, out.decision(), out.findings(), out.effective(), out.tier());
        }
        return out.decision();
    }

    private Outcome pipeline(
            PolicyRequest request,
            EvaluationMode mode,
            Destination givenDestination,
            List<Finding> givenFindings,
            Verdict verdict,
            long started,
            Conversation conversation) {
        Decision overLong = fieldLimits(request, started);
        if (overLong != null) {
            return Outcome.early(overLong);
        }
        String content = request.data().content();
        if (content != null && content.length() > limits.maxContentChars()) {
            return Outcome.early(limit(
                    request,
                    started,
                    ReasonIds.LIMIT_MAX_CONTENT_CHARS,
                    "maxContentChars",
                    limits.maxContentChars(),
                    "content of " + content.length() + " chars exceeds the maximum allowed"));
        }
        // scan (a request with tuning of its own, or whose path or labels meet the pack's exclusions, is scanned
        // for itself: the findings cache holds the pack's findings by content alone)
        DetectionTuning.Scope scope = request.scope();
        boolean scoped = !request.tuning().isEmpty()
                || scanner.tuning().hasExclusions()
                        && (scope.path() != null || !scope.labels().isEmpty());
        if (scoped && !mode.given()) {
            try {
                scanner.tuning().withRequest(request.tuning());
            } catch (InvalidRequestException refused) {
                return Outcome.early(deny(
                        request,
                        started,
                        ReasonIds.TUNING_REFUSED,
                        "the request's detection tuning was refused: denied",
                        List.of(Diagnostic.of(Severity.ERROR, refused.field() + ": " + refused.getMessage()))));
            }
        }
        boolean cachedFindings = !mode.given() && content != null && !scoped && findingsCache != null && mode.cached();
        List<Finding> findings = mode.given()
                ? givenFindings
                : content == null
                        ? List.of()
                        : scoped
                                ? scanner.scan(content, request.tuning(), scope)
                                : cachedFindings
                                        ? findingsCache.findings(content, scanner::scan)
                                        : scanner.scan(content);
        // the findings cache returns one list per text: a conversation can reuse its redaction of that text
        List<Finding> scanned = cachedFindings ? findings : null;
        Classification declared = request.data().classification();
        if (findings.size() > limits.maxFindings()) {
            return new Outcome(
                    limit(
                            request,
                            started,
                            ReasonIds.LIMIT_MAX_FINDINGS,
                            "maxFindings",
                            limits.maxFindings(),
                            findings.size() + " findings exceed the maximum allowed"),
                    findings,
                    declared,
                    null);
        }
        Classification effective = classify(declared, findings);
        // cache
        DecisionCache.Key key = mode.cached() && cache != null
                ? cache.key(request, effective, content, findings, scanned != null)
                : null;
        if (key != null) {
            DecisionCache.Entry hit = cache.get(key);
            if (hit != null) {
                Decision d = hit.effect() == Effect.REDACT
                        ? decide(
                                request,
                                started,
                                hit.effect(),
                                hit.reasons(),
                                hit.redacted(findings),
                                scanned,
                                content,
                                new ArrayList<>(hit.diagnostics()),
                                conversation)
                        : fromCache(request, hit, micros(started));
                return new Outcome(d, findings, effective, hit.tier());
            }
        }
        // resolve
        List<Diagnostic> diagnostics = new ArrayList<>(0);
        Destination destination =
                mode.given() ? givenDestination : resolver.resolve(request.destination(), diagnostics);
        // rules
        Decision stopped = runRules(
                request, mode, started, facts(request, effective, destination, findings), verdict, diagnostics);
        if (stopped != null) {
            return new Outcome(stopped, findings, effective, destination.getTier());
        }
        // combine, redact
        DecisionCombiner.Combined c = combiner.combine(verdict.outcomes());
        List<Diagnostic> decidedWith = List.copyOf(diagnostics);
        List<Reason> reasons = c.reasons();
        boolean complete = true;
        if (remediation && mode == EvaluationMode.NORMAL && c.decided() && c.effect() == Effect.DENY) {
            // what the sender can do: cached with the reasons, as it depends only on the facts the rules read; a
            // remediation cut short by its deadline is left out and the decision not cached, so a later one can
            // be whole
            List<Reason> remedied = remediated(request, reasons, effective, destination, findings, started);
            complete = remedied != null;
            reasons = complete ? remedied : reasons;
        }
        Decision decision = c.decided()
                ? decide(
                        request,
                        started,
                        c.effect(),
                        reasons,
                        c.toRedact(),
                        scanned,
                        content,
                        diagnostics,
                        conversation)
                : deny(request, started, ReasonIds.DEFAULT_DENY, "no rule allowed this request", diagnostics);
        if (key != null && !isLimit(decision) && complete) {
            cache.put(
                    key,
                    c.decided()
                            ? new DecisionCache.Entry(
                                    c.effect(),
                                    reasons,
                                    decidedWith,
                                    destination.getTier(),
                                    indexes(c.toRedact(), findings))
                            : new DecisionCache.Entry(
                                    decision.effect(),
                                    decision.reasons(),
                                    decision.diagnostics(),
                                    destination.getTier()));
        }
        return new Outcome(decision, findings, effective, destination.getTier());
    }

    /** The declared classification raised by every custom term set that classifies. */
    static Classification classify(Classification declared, List<Finding> findings) {
        Classification effective = declared;
        for (Finding f : findings) {
            if (f.category() == FindingCategory.CUSTOM) {
                effective = Classification.max(effective, f.classification());
            }
        }
        return effective;
    }

    private static List<Object> facts(
            PolicyRequest request, Classification effective, Destination destination, List<Finding> findings) {
        String content = request.data().content();
        List<Object> facts = new ArrayList<>(4 + findings.size());
        facts.add(new Data(
                effective,
                request.data().classification(),
                request.data().labels(),
                content == null ? 0 : content.length(),
                content != null));
        facts.add(destination);
        facts.add(new User(request.user().id(), request.user().groups()));
        facts.add(new Context(request.purpose(), request.direction()));
        facts.addAll(findings);
        return facts;
    }

    /** Runs the rules into {@code verdict}; a DENY when they failed or overran a limit, else null. */
    private Decision runRules(
            PolicyRequest request,
            EvaluationMode mode,
            long started,
            List<Object> facts,
            Verdict verdict,
            List<Diagnostic> diagnostics) {
        if (!mode.timeBounded()) {
            // analysis: no time budget, on the caller's thread (a loaded machine must not change an analysis)
            return outcome(
                    request,
                    started,
                    runtime.run(facts, verdict, limits.maxRuleFirings(), Long.MAX_VALUE / 2 + started),
                    diagnostics,
                    Long.MAX_VALUE / 2 + started);
        }
        long deadline = started + limits.timeBudget().toNanos();
        DroolsRuntime.Halt halt = new DroolsRuntime.Halt();
        int max = limits.maxRuleFirings();
        RuleWorkers.Result r = workers.run(() -> runtime.run(facts, verdict, max, deadline, halt), halt, deadline);
        if (r.status() != RuleWorkers.Status.COMPLETED) {
            overruns.increment();
            if (r.status() == RuleWorkers.Status.OVERRAN) {
                LOG.warn(
                        "a rule of pack {}@{} did not return within its time budget; its thread is abandoned",
                        pack.id(),
                        pack.version());
            }
            return timeBudget(
                    request,
                    started,
                    r.status() == RuleWorkers.Status.OVERRAN
                            ? "a rule did not return within the time budget of "
                                    + limits.timeBudget().toMillis() + " ms"
                            : "every rule thread is held by a rule that did not return");
        }
        Decision d = outcome(request, started, r.run(), diagnostics, deadline);
        if (d != null && overran(d)) {
            overruns.increment();
        }
        return d;
    }

    private static boolean overran(Decision d) {
        return d.effect() == Effect.DENY && d.ruleIds().contains(ReasonIds.LIMIT_TIME_BUDGET);
    }

    private Decision timeBudget(PolicyRequest request, long started, String message) {
        return limit(
                request,
                started,
                ReasonIds.LIMIT_TIME_BUDGET,
                "timeBudget",
                limits.timeBudget().toMillis(),
                message);
    }

    /** A DENY when the run failed or overran a limit, else null. */
    private Decision outcome(
            PolicyRequest request, long started, DroolsRuntime.Run run, List<Diagnostic> diagnostics, long deadline) {
        if (run.failure() != null) {
            LOG.warn(
                    "rule '{}' of pack {}@{} threw {}",
                    run.failedRule(),
                    pack.id(),
                    pack.version(),
                    run.failure().getClass().getName());
            diagnostics.add(new Diagnostic(
                    Severity.ERROR,
                    "",
                    0,
                    0,
                    run.failedRule(),
                    "rule '" + run.failedRule() + "' threw "
                            + run.failure().getClass().getSimpleName() + ": denied (fail closed)"));
            return deny(
                    request, started, ReasonIds.EVALUATION_ERROR, "a rule failed: denied (fail closed)", diagnostics);
        }
        if (run.timedOut() || System.nanoTime() - deadline > 0) {
            return timeBudget(
                    request,
                    started,
                    "evaluation exceeded its time budget of "
                            + limits.timeBudget().toMillis() + " ms");
        }
        if (run.firingLimitHit()) {
            return limit(
                    request,
                    started,
                    ReasonIds.LIMIT_MAX_RULE_FIRINGS,
                    "maxRuleFirings",
                    limits.maxRuleFirings(),
                    "rules fired " + run.firings() + " times, the maximum allowed");
        }
        return null;
    }

    /** Where each finding the rules redacted sits in {@code findings} (by identity: facts are these objects). */
    private static int[] indexes(List<Finding> redacted, List<Finding> findings) {
        int[] at = new int[redacted.size()];
        for (int i = 0; i < at.length; i++) {
            Finding f = redacted.get(i);
            int j = 0;
            while (findings.get(j) != f) {
                j++;
            }
            at[i] = j;
        }
        return at;
    }

    private static boolean isLimit(Decision d) {
        return d.effect() == Effect.DENY && d.ruleIds().contains(ReasonIds.LIMIT_CONVERSATION_ENTRIES);
    }

    /** The decision for a combined effect: for REDACT, {@code toRedact} replaced in {@code content}. */
    private Decision decide(
            PolicyRequest request,
            long started,
            Effect effect,
            List<Reason> reasons,
            List<Finding> toRedact,
            List<Finding> scanned,
            String content,
            List<Diagnostic> diagnostics,
            Conversation conversation) {
        if (effect == Effect.REDACT) {
            RedactionResult r;
            try {
                r = Redactor.apply(
                        content,
                        toRedact,
                        style,
                        conversation == null ? null : ConversationAccess.table(conversation),
                        scanned);
            } catch (PseudonymTable.FullException full) {
                return limit(
                        request,
                        started,
                        ReasonIds.LIMIT_CONVERSATION_ENTRIES,
                        "Conversation.Builder.maxEntries",
                        full.maxEntries(),
                        "the conversation cannot take another placeholder");
            }
            return new Decision(
                    request.id(),
                    newId(),
                    effect,
                    reasons,
                    r.redactions(),
                    r.content(),
                    diagnostics,
                    micros(started),
                    pack.id(),
                    pack.version(),
                    conversation != null && style.reversible() ? conversation.restorer() : r.restorer());
        }
        return new Decision(
                request.id(),
                newId(),
                effect,
                reasons,
                List.of(),
                null,
                diagnostics,
                micros(started),
                pack.id(),
                pack.version(),
                null);
    }

    /**
     * The hot path: a request without content whose facts were decided before. No clock is read; such a
     * decision takes well under a microsecond, so its {@code elapsedMicros} is 0.
     */
    private Decision cachedWithoutContent(PolicyRequest request) {
        DecisionCache.Entry hit;
        try {
            hit = cache.get(cache.key(request, request.data().classification(), null, List.of()));
        } catch (RuntimeException e) {
            return null;
        }
        if (hit == null) {
            return null;
        }
        Decision d = fromCache(request, hit, 0);
        if (log.enabled()) {
            log.write(request, d, List.of(), request.data().classification(), hit.tier());
        }
        return d;
    }

    private Decision fromCache(PolicyRequest request, DecisionCache.Entry hit, long elapsedMicros) {
        return new Decision(
                request.id(),
                newId(),
                hit.effect(),
                hit.reasons(),
                List.of(),
                null,
                hit.diagnostics(),
                elapsedMicros,
                pack.id(),
                pack.version(),
                null);
    }

    /** DENY when a string field is longer than maxFieldChars or a list longer than maxListItems; else null. */
    private Decision fieldLimits(PolicyRequest request, long started) {
        PolicyRequest.User u = request.user();
        PolicyRequest.Destination d = request.destination();
        String field = overLong(request.id(), "id");
        field = field != null ? field : overLong(u.id(), "user.id");
        field = field != null ? field : overLong(d.product(), "destination.product");
        field = field != null ? field : overLong(d.provider(), "destination.provider");
        field = field != null ? field : overLong(request.purpose(), "purpose");
        field = field != null ? field : overLong(u.groups(), "user.groups");
        field = field != null ? field : overLong(request.data().labels(), "data.labels");
        if (field != null) {
            return limit(
                    request.id() != null && request.id().length() > limits.maxFieldChars()
                            ? request.withId(null)
                            : request,
                    started,
                    ReasonIds.LIMIT_MAX_FIELD_CHARS,
                    "maxFieldChars",
                    limits.maxFieldChars(),
                    field + " is longer than the maximum allowed");
        }
        String list = u.groups().size() > limits.maxListItems()
                ? "user.groups"
                : request.data().labels().size() > limits.maxListItems() ? "data.labels" : null;
        if (list != null) {
            return limit(
                    request,
                    started,
                    ReasonIds.LIMIT_MAX_LIST_ITEMS,
                    "maxListItems",
                    limits.maxListItems(),
                    list + " has more entries than the maximum allowed");
        }
        return null;
    }

    private String overLong(String value, String field) {
        return value != null && value.length() > limits.maxFieldChars() ? field : null;
    }

    private String overLong(List<String> values, String field) {
        for (String v : values) {
            if (v.length() > limits.maxFieldChars()) {
                return field;
            }
        }
        return null;
    }

    private Decision limit(
            PolicyRequest request, long started, String reasonId, String setting, long value, String message) {
        String source = setting.indexOf('.') >= 0 ? setting : "EvaluationLimits." + setting;
        String text = message + " (" + value + ", from " + source + "())";
        return deny(request, started, reasonId, text, List.of(new Diagnostic(Severity.ERROR, "", 0, 0, null, text)));
    }

    private Decision deny(
            PolicyRequest request, long started, String ruleId, String message, List<Diagnostic> diagnostics) {
        return new Decision(
                request.id(),
                newId(),
                Effect.DENY,
                List.of(combiner.reason(ruleId, Effect.DENY, message)),
                List.of(),
                null,
                diagnostics,
                micros(started),
                pack.id(),
                pack.version(),
                null);
    }

    private static long micros(long started) {
        return (System.nanoTime() - started) / 1_000;
    }

    private static String newId() {
        return DecisionIds.next();
    }
}
