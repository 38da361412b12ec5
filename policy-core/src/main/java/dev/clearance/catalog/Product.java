package dev.clearance.catalog;

import dev.clearance.Tier;
import java.util.List;
import java.util.Objects;

/**
 * One AI product in the {@link ProviderCatalog}: what the provider does with the data it receives.
 *
 * @param id                catalog id, {@code provider:product}, e.g. {@code openai:chatgpt-free}
 * @param provider          provider name, e.g. {@code OpenAI}
 * @param name              product name, e.g. {@code ChatGPT Free}
 * @param tier              CONSUMER, API, ENTERPRISE or LOCAL
 * @param trainsByDefault   whether the provider trains on the data unless the account opted out
 * @param optOutAvailable   whether an account can opt out of training
 * @param retention         how long data is kept, as the provider states it
 * @param zdrAvailable      whether zero data retention can be arranged
 * @param humanReview       whether people at the provider may read the data
 * @param source            where the facts come from
 * @param checked           date the facts were last checked (ISO-8601)
 * @param note              conflicts between sources and the reading taken; nullable
 * @param hosts             host names the product is reached through; may be empty
 */
public record Product(
        String id,
        String provider,
        String name,
        Tier tier,
        boolean trainsByDefault,
        boolean optOutAvailable,
        String retention,
        boolean zdrAvailable,
        boolean humanReview,
        String source,
        String checked,
        String note,
        List<String> hosts) {

    public Product {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(tier, "tier");
        if (tier == Tier.UNKNOWN) {
            throw new IllegalArgumentException("catalog product '" + id + "' cannot have tier UNKNOWN");
        }
        name = name == null ? id : name;
        retention = retention == null ? "" : retention;
        source = source == null ? "" : source;
        checked = checked == null ? "" : checked;
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }

    /**
     * Whether data sent with this account state is trained on: the product trains by default, unless an opt-out
     * exists and the account used it. An unknown state ({@code null}) leaves the default.
     */
    public boolean trainsOnData(Boolean trainingOptOut) {
        return trainsByDefault && !(optOutAvailable && Boolean.TRUE.equals(trainingOptOut));
    }
}
