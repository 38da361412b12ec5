package dev.clearance.internal.engine;

import dev.clearance.Diagnostic;
import dev.clearance.PolicyRequest;
import dev.clearance.Severity;
import dev.clearance.Tier;
import dev.clearance.catalog.Product;
import dev.clearance.catalog.ProviderCatalog;
import dev.clearance.facts.Destination;
import java.util.List;

/** Turns a requested destination into the facts rules see, through the catalog. Internal. */
public final class DestinationResolver {
    private final ProviderCatalog catalog;

    public DestinationResolver(ProviderCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Resolves per the contract: a catalogued product gives its tier and training default; an uncatalogued one
     * with a tier trains only if CONSUMER (and not opted out); anything else is UNKNOWN and trains.
     *
     * @param warnings receives a warning when the request claims what the catalog refutes
     */
    public Destination resolve(PolicyRequest.Destination d, List<Diagnostic> warnings) {
        Boolean optOut = d.trainingOptOut();
        boolean zdrClaimed = Boolean.TRUE.equals(d.zeroDataRetention());
        Product p = catalog.find(d.product()).orElse(null);
        if (p != null) {
            if (d.tier() != null && d.tier() != p.tier()) {
                warnings.add(Diagnostic.of(
                        Severity.WARNING,
                        "destination.tier " + d.tier() + " ignored: the catalog" + " lists " + p.id() + " as "
                                + p.tier()));
            }
            boolean zdr = zdrClaimed && p.zdrAvailable();
            if (zdrClaimed && !p.zdrAvailable()) {
                warnings.add(Diagnostic.of(
                        Severity.WARNING,
                        "destination.zeroDataRetention ignored: " + p.id() + " offers no zero data retention"));
            }
            if (Boolean.TRUE.equals(optOut) && !p.optOutAvailable() && p.trainsByDefault()) {
                warnings.add(Diagnostic.of(
                        Severity.WARNING,
                        "destination.trainingOptOut ignored: " + p.id() + " offers no training opt-out"));
            }
            return new Destination(
                    p.id(), p.provider(), p.tier(), true, p.trainsOnData(optOut), zdr, optOut, p.humanReview());
        }
        String provider = d.provider() != null ? d.provider() : providerOf(d.product());
        if (d.tier() != null) {
            Tier tier = d.tier();
            boolean trains = tier == Tier.CONSUMER && !Boolean.TRUE.equals(optOut);
            boolean zdr = zdrClaimed && tier != Tier.CONSUMER;
            return new Destination(d.product(), provider, tier, false, trains, zdr, optOut, tier == Tier.CONSUMER);
        }
        return new Destination(d.product(), provider, Tier.UNKNOWN, false, true, false, optOut, true);
    }

    private static String providerOf(String product) {
        if (product == null) {
            return null;
        }
        int colon = product.indexOf(':');
        return colon > 0 ? product.substring(0, colon) : null;
    }
}
