package dev.clearance.facts;

import dev.clearance.Tier;

/**
 * Where the data would go, resolved through the provider catalog: the product, its tier, and what the provider
 * will do with the data given the account's state.
 */
public final class Destination {
    private final String product;
    private final String provider;
    private final Tier tier;
    private final boolean catalogued;
    private final boolean trainsOnData;
    private final boolean zeroDataRetention;
    private final Boolean trainingOptOut;
    private final boolean humanReview;
    private final boolean localClaimForCloudProvider;

    public Destination(
            String product,
            String provider,
            Tier tier,
            boolean catalogued,
            boolean trainsOnData,
            boolean zeroDataRetention,
            Boolean trainingOptOut,
            boolean humanReview) {
        this(product, provider, tier, catalogued, trainsOnData, zeroDataRetention, trainingOptOut, humanReview, false);
    }

    /**
     * @param localClaimForCloudProvider whether the request claimed {@link Tier#LOCAL} for an uncatalogued product
     *     of a provider whose every catalogued product is a cloud service
     */
    public Destination(
            String product,
            String provider,
            Tier tier,
            boolean catalogued,
            boolean trainsOnData,
            boolean zeroDataRetention,
            Boolean trainingOptOut,
            boolean humanReview,
            boolean localClaimForCloudProvider) {
        this.product = product == null ? "" : product;
        this.provider = provider == null ? "" : provider;
        this.tier = tier;
        this.catalogued = catalogued;
        this.trainsOnData = trainsOnData;
        this.zeroDataRetention = zeroDataRetention;
        this.trainingOptOut = trainingOptOut;
        this.humanReview = humanReview;
        this.localClaimForCloudProvider = localClaimForCloudProvider;
    }

    /** Catalog id, e.g. {@code openai:chatgpt-free}; {@code ""} when the request named none. */
    public String getProduct() {
        return product;
    }

    /** Provider name; {@code ""} when unknown. */
    public String getProvider() {
        return provider;
    }

    /** The tier; {@link Tier#UNKNOWN} for a destination the catalog does not know and the request gave no tier. */
    public Tier getTier() {
        return tier;
    }

    /** Whether the product is in the catalog. */
    public boolean isCatalogued() {
        return catalogued;
    }

    /** Whether the provider trains on data sent with this account state. */
    public boolean isTrainsOnData() {
        return trainsOnData;
    }

    /** Whether zero data retention applies: requested by the account and offered by the product. */
    public boolean isZeroDataRetention() {
        return zeroDataRetention;
    }

    /** The account's training opt-out as the request stated it; null when unknown. */
    public Boolean getTrainingOptOut() {
        return trainingOptOut;
    }

    /** Whether people at the provider may read the data. */
    public boolean isHumanReview() {
        return humanReview;
    }

    /**
     * Whether the request claimed {@link Tier#LOCAL} for a product the catalog does not list, of a provider the
     * catalog lists only with cloud products (none of them LOCAL). The claimed tier stands and the decision carries
     * a warning; a pack that does not accept such claims denies on this flag, e.g.
     * {@code Destination( localClaimForCloudProvider )}.
     */
    public boolean isLocalClaimForCloudProvider() {
        return localClaimForCloudProvider;
    }

    /**
     * Whether the provider keeps the data beyond the request: consumer and unknown tools, and APIs that train or
     * lack zero data retention.
     */
    public boolean isRetainsData() {
        return switch (tier) {
            case CONSUMER, UNKNOWN -> true;
            case API -> trainsOnData || !zeroDataRetention;
            case ENTERPRISE, LOCAL -> false;
        };
    }

    @Override
    public String toString() {
        return "Destination[" + (product.isEmpty() ? provider : product) + ", " + tier + ", trainsOnData="
                + trainsOnData + ", zeroDataRetention=" + zeroDataRetention + "]";
    }
}
