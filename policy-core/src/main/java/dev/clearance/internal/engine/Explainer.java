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
        destinations.sort(Comparator.comparingInt((Counterfactual c) -> -Explanation.permissiveness(c.effect()))
                .thenComparing(c -> !sameProvider(c.target(), provider))
                .thenComparing(Counterfactual::target));
        out.addAll(destinations.subList(0, Math.min(MAX_DESTINATIONS, destinations.size())));
        out.sort(Comparator.comparingInt((Counterfactual c) -> -Explanation.permissiveness(c.effect())));
        return out;
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
        String note = p.note() == null ? "" : p.note();
        int at = note.indexOf("Opt-out:");
        if (at >= 0) {
            int end = note.indexOf(". ", at);
            String path = note.substring(at + "Opt-out:".length(), end < 0 ? note.length() : end)
                    .strip();
            if (path.endsWith(".")) {
                path = path.substring(0, path.length() - 1);
            }
            return "opt out of training in " + p.name() + ": " + path;
        }
        return "opt the " + p.name() + " account out of training";
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
