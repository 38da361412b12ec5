package dev.clearance.bench;

import dev.clearance.Classification;
import dev.clearance.Effect;
import dev.clearance.PolicyRequest;
import dev.clearance.Tier;
import dev.clearance.catalog.Product;
import dev.clearance.catalog.ProviderCatalog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The floor: the default pack's classification table written by hand in plain Java, answering the same question
 * from the same request (catalog lookup, training and retention derived, effect and deny reasons).
 */
final class FloorPolicy {
    record Answer(Effect effect, List<String> ruleIds) {}

    private static final Answer ALLOW = new Answer(Effect.ALLOW, List.of("classification.allow"));
    private final Map<String, Product> products = new HashMap<>();

    FloorPolicy(ProviderCatalog catalog) {
        for (Product p : catalog.products()) {
            products.put(p.id(), p);
        }
    }

    Answer decide(PolicyRequest r) {
        PolicyRequest.Destination d = r.destination();
        Product p = d.product() == null ? null : products.get(d.product());
        Tier tier;
        boolean trains;
        boolean zdr = Boolean.TRUE.equals(d.zeroDataRetention());
        if (p != null) {
            tier = p.tier();
            trains = p.trainsOnData(d.trainingOptOut());
            zdr &= p.zdrAvailable();
        } else if (d.tier() != null) {
            tier = d.tier();
            trains = tier == Tier.CONSUMER && !Boolean.TRUE.equals(d.trainingOptOut());
        } else {
            tier = Tier.UNKNOWN;
            trains = true;
        }
        boolean retains = tier == Tier.CONSUMER || tier == Tier.UNKNOWN || (tier == Tier.API && (trains || !zdr));
        Classification c = r.data().classification();
        String restricted =
                c == Classification.RESTRICTED && tier != Tier.LOCAL ? "classification.restricted-local-only" : null;
        String confidential =
                c.atLeast(Classification.CONFIDENTIAL) && retains ? "classification.confidential-no-retention" : null;
        String training = c.atLeast(Classification.INTERNAL) && trains ? "classification.internal-no-training" : null;
        String unknown = c != Classification.PUBLIC && tier == Tier.UNKNOWN ? "destination.unknown" : null;
        if (restricted == null && confidential == null && training == null && unknown == null) {
            return ALLOW;
        }
        return new Answer(Effect.DENY, nonNull(restricted, confidential, training, unknown));
    }

    private static List<String> nonNull(String a, String b, String c, String d) {
        int n = (a != null ? 1 : 0) + (b != null ? 1 : 0) + (c != null ? 1 : 0) + (d != null ? 1 : 0);
        String[] out = new String[n];
        int i = 0;
        for (String s : new String[] {a, b, c, d}) {
            if (s != null) {
                out[i++] = s;
            }
        }
        return List.of(out);
    }
}
