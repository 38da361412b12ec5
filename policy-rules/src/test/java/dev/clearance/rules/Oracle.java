package dev.clearance.rules;

import dev.clearance.Classification;
import dev.clearance.PolicyRequest;
import dev.clearance.Tier;
import dev.clearance.catalog.Product;

/** The classification table of PRODUCT.md section 3, written independently of the rules, as a test oracle. */
final class Oracle {
    private Oracle() {}

    static Tier tier(PolicyRequest r) {
        Product p = DefaultRulePack.catalog().find(r.destination().product()).orElse(null);
        if (p != null) {
            return p.tier();
        }
        return r.destination().tier() != null ? r.destination().tier() : Tier.UNKNOWN;
    }

    static boolean tableDenies(PolicyRequest r) {
        PolicyRequest.Destination d = r.destination();
        Product p = DefaultRulePack.catalog().find(d.product()).orElse(null);
        Tier tier = tier(r);
        boolean trains;
        boolean zdr;
        if (p != null) {
            trains = p.trainsByDefault() && !(p.optOutAvailable() && Boolean.TRUE.equals(d.trainingOptOut()));
            zdr = p.zdrAvailable() && Boolean.TRUE.equals(d.zeroDataRetention());
        } else {
            trains = tier == Tier.UNKNOWN || (tier == Tier.CONSUMER && !Boolean.TRUE.equals(d.trainingOptOut()));
            zdr = tier != Tier.CONSUMER && tier != Tier.UNKNOWN && Boolean.TRUE.equals(d.zeroDataRetention());
        }
        Classification c = r.data().classification();
        return switch (c) {
            case PUBLIC -> false;
            case INTERNAL -> trains;
            case CONFIDENTIAL ->
                switch (tier) {
                    case LOCAL, ENTERPRISE -> false;
                    case API -> trains || !zdr;
                    case CONSUMER, UNKNOWN -> true;
                };
            case RESTRICTED -> tier != Tier.LOCAL;
        };
    }
}
