package dev.clearance.internal.engine;

import dev.clearance.Decision;
import dev.clearance.Effect;
import dev.clearance.Explanation;
import dev.clearance.Explanation.Change;
import dev.clearance.Explanation.Counterfactual;
import dev.clearance.Finding;
import dev.clearance.FindingCategory;
import dev.clearance.PolicyRequest;
import dev.clearance.Reason;
import dev.clearance.ReasonIds;
import dev.clearance.catalog.Product;
import dev.clearance.facts.Destination;
import dev.clearance.facts.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds an {@link Explanation}: the trace of the request (every outcome, overridden ones included), the facts the
 * rules read, and the single changes that give a more permissive effect, each found by deciding the changed
 * request (TRACE mode: no cache, not logged). Never content: findings by type and count.
 */
final class Explainer {
    /** At most this many destination counterfactuals are reported (the most permissive and nearest first). */
    static final int MAX_DESTINATIONS = 6;

    private final Evaluator evaluator;

    Explainer(Evaluator evaluator) {
        this.evaluator = evaluator;
    }

    /** The finding's type as explanations name it: {@code SECRET:<rule>} for credentials, else its type. */
    static String typeOf(Finding f) {
        return f.category() == FindingCategory.SECRET ? f.type() + ":" + f.rule() : f.type();
    }

    Explanation explain(PolicyRequest request, Decision decision) {
        Evaluator.Trace trace = evaluator.trace(request);
        List<Explanation.Match> matches = new ArrayList<>();
        for (Verdict.Outcome o : trace.outcomes()) {
            boolean decided = o.effect() != null
                    && o.effect() == decision.effect()
                    && decision.reasons().stream()
                            .anyMatch(r -> r.ruleId().equals(o.ruleId()) && r.effect() == o.effect());
            matches.add(new Explanation.Match(
                    o.ruleId(), o.effect(), decided, o.finding() == null ? null : typeOf(o.finding()), o.message()));
        }
        String content = request.data().content();
        boolean limited = decision.reasons().stream().map(Reason::ruleId).anyMatch(Explainer::stopped);
        List<Finding> findings =
                content == null || limited ? List.of() : evaluator.scanner().scan(content);
        Destination destination = evaluator.resolve(request.destination());
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Finding f : findings) {
            counts.merge(typeOf(f), 1, Integer::sum);
        }
        Explanation.Facts facts = new Explanation.Facts(
                Evaluator.classify(request.data().classification(), findings),
                request.data().classification(),
                destination.isCatalogued() ? destination.getProduct() : null,
                destination.getProvider(),
                destination.getTier(),
                destination.isCatalogued(),
                destination.isTrainsOnData(),
                destination.getTrainingOptOut(),
                destination.isZeroDataRetention(),
                request.direction(),
                counts);
        List<Counterfactual> counterfactuals = limited || decision.effect() == Effect.ALLOW
                ? List.of()
                : counterfactuals(request, decision.effect(), destination, findings);
        return new Explanation(decision.effect(), matches, facts, counterfactuals);
    }

    /** A reason that stopped the evaluation rather than judged the facts: no change of facts is suggested. */
    private static boolean stopped(String ruleId) {
        return ruleId.startsWith("limit.") || ruleId.equals(ReasonIds.EVALUATION_ERROR);
    }

    private List<Counterfactual> counterfactuals(
            PolicyRequest request, Effect now, Destination destination, List<Finding> findings) {
        List<Counterfactual> out = new ArrayList<>();
        Optional<Product> product =
                destination.isCatalogued() ? evaluator.catalog().find(destination.getProduct()) : Optional.empty();
        // account state
        if (product.isPresent()) {
            Product p = product.get();
            if (p.optOutAvailable()
                    && !Boolean.TRUE.equals(request.destination().trainingOptOut())) {
                add(
                        out,
                        request,
                        now,
                        Change.TRAINING_OPT_OUT,
                        null,
                        List.of(),
                        "the account had opted out of training",
                        optOutHint(p));
            }
            if (p.zdrAvailable() && !Boolean.TRUE.equals(request.destination().zeroDataRetention())) {
                add(
                        out,
                        request,
                        now,
                        Change.ZERO_DATA_RETENTION,
                        null,
                        List.of(),
                        "the account had zero data retention",
                        "ask " + p.provider() + " for zero data retention on the " + p.name() + " account");
            }
        }
        // content
        Map<String, List<Explanation.Span>> byType = new LinkedHashMap<>();
        for (Finding f : findings) {
            byType.computeIfAbsent(typeOf(f), k -> new ArrayList<>()).add(new Explanation.Span(f.start(), f.end()));
        }
        for (Map.Entry<String, List<Explanation.Span>> e : byType.entrySet()) {
            int n = e.getValue().size();
            add(
                    out,
                    request,
                    now,
                    Change.REMOVE_FINDINGS,
                    e.getKey(),
                    e.getValue(),
                    "the " + e.getKey() + " finding" + (n == 1 ? " were" : "s (" + n + ") were") + " absent",
                    "remove the " + e.getKey() + (n == 1 ? " value" : " values") + " from the text");
        }
        if (byType.size() > 1) {
            List<Explanation.Span> all =
                    byType.values().stream().flatMap(List::stream).toList();
            add(
                    out,
                    request,
                    now,
                    Change.REMOVE_FINDINGS,
                    null,
                    all,
                    "none of the " + all.size() + " findings were in the text",
                    "remove every flagged value from the text");
        }
        // destination: every other catalog product
        List<Counterfactual> destinations = new ArrayList<>();
        for (Product p : evaluator.catalog().products()) {
            if (p.id().equals(destination.getProduct()) && destination.isCatalogued()) {
                continue;
            }
            add(
                    destinations,
                    request,
                    now,
                    Change.DESTINATION,
                    p.id(),
                    List.of(),
                    "the destination were " + p.id() + " (" + p.name() + ", " + p.tier() + ")",
                    "send it to " + p.name() + " (" + p.id() + ") instead");
        }
        String provider = destination.getProvider();
        destinations.sort(Comparator.comparing(
                (Counterfactual c) -> new Candidate(c.target(), c.effect()), nearestFirst(provider)));
        out.addAll(destinations.subList(0, Math.min(MAX_DESTINATIONS, destinations.size())));
        out.sort(Comparator.comparingInt((Counterfactual c) -> -Explanation.permissiveness(c.effect())));
        return out;
    }

    /** A destination that would take the request, and what it would decide. */
    private record Candidate(String product, Effect effect) {}

    /**
     * The order destinations are suggested in, by explanations and remediations alike: most permissive first, the
     * same provider's before others', then by product id.
     */
    private Comparator<Candidate> nearestFirst(String provider) {
        return Comparator.comparingInt((Candidate c) -> -Explanation.permissiveness(c.effect()))
                .thenComparing(c -> !sameProvider(c.product(), provider))
                .thenComparing(Candidate::product);
    }

    /**
     * What the sender of a DENY can do, from the catalog: the destination's training opt-out when opting out would
     * give a more permissive effect, and the catalog products that would (at most {@link #MAX_DESTINATIONS}, in
     * the order of {@link #nearestFirst}). Each is found by deciding the changed request as a probe, with the same
     * findings (no new scan) and under the time budget; null when the probes did not all finish by
     * {@code deadline}. The same changes the explanation's counterfactuals try, so the two never disagree.
     */
    dev.clearance.Remediation remediation(
            PolicyRequest request,
            dev.clearance.Classification effective,
            Destination destination,
            List<Finding> findings,
            long deadline) {
        Optional<Product> product =
                destination.isCatalogued() ? evaluator.catalog().find(destination.getProduct()) : Optional.empty();
        // the destinations to try: the account opted out (first), then every other catalog product; when no rule
        // reads product or provider names, products with the same facts decide alike and are tried once
        List<Destination> tried = new ArrayList<>();
        Map<List<Object>, Integer> byFacts = new java.util.HashMap<>();
        boolean optOutTried = product.isPresent()
                && product.get().optOutAvailable()
                && !Boolean.TRUE.equals(request.destination().trainingOptOut());
        if (optOutTried) {
            tried.add(evaluator.resolve(
                    changed(request, Change.TRAINING_OPT_OUT, null).destination()));
        }
        List<Product> products = new ArrayList<>();
        List<Integer> slot = new ArrayList<>();
        for (Product p : evaluator.catalog().products()) {
            if (p.id().equals(destination.getProduct()) && destination.isCatalogued()) {
                continue;
            }
            Destination there = evaluator.resolve(
                    changed(request, Change.DESTINATION, p.id()).destination());
            Integer at = evaluator.productBlind() ? byFacts.get(facts(there)) : null;
            if (at == null) {
                at = tried.size();
                tried.add(there);
                if (evaluator.productBlind()) {
                    byFacts.put(facts(there), at);
                }
            }
            products.add(p);
            slot.add(at);
        }
        Effect[] effects = evaluator.probeEffects(request, effective, tried, findings, deadline);
        if (effects == null) {
            return null;
        }
        String optOut = optOutTried && moreThanDeny(effects[0])
                ? optOutPath(product.get()).orElse("the account's training opt-out")
                : null;
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < products.size(); i++) {
            Effect then = effects[slot.get(i)];
            if (moreThanDeny(then)) {
                candidates.add(new Candidate(products.get(i).id(), then));
            }
        }
        candidates.sort(nearestFirst(destination.getProvider()));
        List<dev.clearance.Remediation.Alternative> alternatives = new ArrayList<>();
        for (Candidate c : candidates.subList(0, Math.min(MAX_DESTINATIONS, candidates.size()))) {
            Product p = evaluator.catalog().find(c.product()).orElseThrow();
            alternatives.add(new dev.clearance.Remediation.Alternative(p.id(), p.name(), p.tier(), c.effect()));
        }
        return new dev.clearance.Remediation(product.map(Product::id).orElse(null), optOut, alternatives);
    }

    private static PolicyRequest changed(PolicyRequest request, Change change, String target) {
        return new Counterfactual(change, target, Effect.DENY, "probe", "", List.of()).applyTo(request);
    }

    /** Everything a rule can read of a destination but its product and provider names. */
    private static List<Object> facts(Destination d) {
        return java.util.Arrays.asList(
                d.getTier(),
                d.isCatalogued(),
                d.isTrainsOnData(),
                d.isRetainsData(),
                d.isZeroDataRetention(),
                d.getTrainingOptOut(),
                d.isHumanReview(),
                d.isLocalClaimForCloudProvider());
    }

    private static boolean moreThanDeny(Effect e) {
        return Explanation.permissiveness(e) > Explanation.permissiveness(Effect.DENY);
    }

    private boolean sameProvider(String productId, String provider) {
        return evaluator
                .catalog()
                .find(productId)
                .map(p -> p.provider().equalsIgnoreCase(provider))
                .orElse(false);
    }

    /** The "Opt-out: ..." sentence of the product's note, else a generic hint. */
    static String optOutHint(Product p) {
        return optOutPath(p)
                .map(path -> "opt out of training in " + p.name() + ": " + path)
                .orElse("opt the " + p.name() + " account out of training");
    }

    /** The path of the product's note's "Opt-out: ..." sentence, e.g. {@code Settings › Data Controls › … off}. */
    static Optional<String> optOutPath(Product p) {
        String note = p.note() == null ? "" : p.note();
        int at = note.indexOf("Opt-out:");
        if (at < 0) {
            return Optional.empty();
        }
        int end = note.indexOf(". ", at);
        String path = note.substring(at + "Opt-out:".length(), end < 0 ? note.length() : end)
                .strip();
        if (path.endsWith(".")) {
            path = path.substring(0, path.length() - 1);
        }
        return path.isEmpty() ? Optional.empty() : Optional.of(path);
    }

    /** Decides {@code request} with the change made; adds the counterfactual when the effect is more permissive. */
    private void add(
            List<Counterfactual> out,
            PolicyRequest request,
            Effect now,
            Change change,
            String target,
            List<Explanation.Span> spans,
            String condition,
            String hint) {
        Counterfactual probe = new Counterfactual(change, target, now, "probe", hint, spans);
        Decision changed = evaluator.trace(probe.applyTo(request)).decision();
        Effect then = changed.effect();
        if (Explanation.permissiveness(then) <= Explanation.permissiveness(now)) {
            return;
        }
        out.add(new Counterfactual(change, target, then, now + " → " + then + " if " + condition, hint, spans));
    }
}
