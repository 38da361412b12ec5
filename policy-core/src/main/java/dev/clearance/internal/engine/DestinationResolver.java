package dev.clearance.internal.engine;

import dev.clearance.Diagnostic;
import dev.clearance.PolicyRequest;
import dev.clearance.Severity;
import dev.clearance.Tier;
import dev.clearance.catalog.Product;
import dev.clearance.catalog.ProviderCatalog;
import dev.clearance.facts.Destination;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a requested destination into the facts rules see, through the catalog. Internal.
 *
 * <p>A product id that equals a catalog id after {@linkplain #fold(String) folding} (NFKC, trimmed, lower case)
 * <em>is</em> that catalogued product, with a warning: a near-miss spelling never makes a catalogued tool an
 * uncatalogued one whose claimed tier would be believed. Two catalog ids that fold alike make a near miss
 * ambiguous: such a destination is {@link Tier#UNKNOWN}, whatever tier the request claims.
 */
public final class DestinationResolver {
    private final ProviderCatalog catalog;
    /** Folded id → product; a null value marks two catalog ids that fold alike. */
    private final Map<String, Product> folded = new HashMap<>();
    /**
     * Folded provider names (and id prefixes) whose catalogued products are all cloud services (none LOCAL).
     */
    private final Set<String> cloudProviders = new HashSet<>();

    public DestinationResolver(ProviderCatalog catalog) {
        this.catalog = catalog;
        Set<String> localProviders = new HashSet<>();
        for (Product p : catalog.products()) {
            String key = fold(p.id());
            folded.put(key, folded.containsKey(key) ? null : p);
            Set<String> names = p.tier() == Tier.LOCAL ? localProviders : cloudProviders;
            names.add(fold(p.provider()));
            String prefix = providerOf(p.id());
            if (prefix != null) {
                names.add(fold(prefix));
            }
        }
        cloudProviders.removeAll(localProviders);
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
        if (p == null && d.product() != null) {
            String key = fold(d.product());
            if (folded.containsKey(key)) {
                p = folded.get(key);
                if (p == null) {
                    warnings.add(Diagnostic.of(
                            Severity.WARNING,
                            "destination.product matches several catalog ids after case folding and trimming:"
                                    + " treated as an unknown destination"));
                    return new Destination(
                            d.product(), providerOf(d.product()), Tier.UNKNOWN, false, true, false, optOut, true);
                }
                warnings.add(Diagnostic.of(
                        Severity.WARNING,
                        "destination.product is not spelt as in the catalog: treated as " + p.id()
                                + " (matched after case folding and trimming)"));
            }
        }
        if (p != null) {
            return catalogued(p, d, optOut, zdrClaimed, warnings);
        }
        String provider = d.provider() != null && !d.provider().isBlank() ? d.provider() : providerOf(d.product());
        if (d.tier() != null) {
            Tier tier = d.tier();
            boolean trains = tier == Tier.CONSUMER && !Boolean.TRUE.equals(optOut);
            boolean zdr = zdrClaimed && tier != Tier.CONSUMER;
            boolean cloudLocal = tier == Tier.LOCAL && provider != null && cloudProviders.contains(fold(provider));
            if (cloudLocal) {
                warnings.add(Diagnostic.of(
                        Severity.WARNING,
                        "destination.tier LOCAL claimed for a provider the catalog lists only with cloud products"));
            }
            return new Destination(
                    d.product(), provider, tier, false, trains, zdr, optOut, tier == Tier.CONSUMER, cloudLocal);
        }
        return new Destination(d.product(), provider, Tier.UNKNOWN, false, true, false, optOut, true);
    }

    private static Destination catalogued(
            Product p, PolicyRequest.Destination d, Boolean optOut, boolean zdrClaimed, List<Diagnostic> warnings) {
        if (d.tier() != null && d.tier() != p.tier()) {
            warnings.add(Diagnostic.of(
                    Severity.WARNING,
                    "destination.tier " + d.tier() + " ignored: the catalog" + " lists " + p.id() + " as " + p.tier()));
        }
        boolean zdr = zdrClaimed && p.zdrAvailable();
        if (zdrClaimed && !p.zdrAvailable()) {
            warnings.add(Diagnostic.of(
                    Severity.WARNING,
                    "destination.zeroDataRetention ignored: " + p.id() + " offers no zero data retention"));
        }
        if (Boolean.TRUE.equals(optOut) && !p.optOutAvailable() && p.trainsByDefault()) {
            warnings.add(Diagnostic.of(
                    Severity.WARNING, "destination.trainingOptOut ignored: " + p.id() + " offers no training opt-out"));
        }
        return new Destination(
                p.id(), p.provider(), p.tier(), true, p.trainsOnData(optOut), zdr, optOut, p.humanReview());
    }

    /** NFKC, trimmed of Unicode white space, lower case (root locale): how near-miss ids are compared. */
    static String fold(String id) {
        return id == null
                ? ""
                : Normalizer.normalize(id, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
    }

    private static String providerOf(String product) {
        if (product == null) {
            return null;
        }
        int colon = product.indexOf(':');
        return colon > 0 ? product.substring(0, colon) : null;
    }
}
