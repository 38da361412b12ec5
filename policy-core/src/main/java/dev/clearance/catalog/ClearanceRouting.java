package dev.clearance.catalog;

import dev.clearance.Classification;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a call goes and what it holds, resolved per call: the model name of the call (for example
 * {@code gpt-4o}, {@code claude-sonnet-4}) → a catalog product id ({@code openai:api}), by exact name, else by the
 * longest configured prefix, else the default product; and the classification of the data when the call does not
 * name one. Immutable, thread-safe. The framework integrations (clearance-langchain4j, clearance-spring-ai) take one.
 */
public final class ClearanceRouting {
    private final String defaultProduct;
    private final Classification classification;
    private final Map<String, String> models;

    private ClearanceRouting(Builder b) {
        this.defaultProduct = b.defaultProduct;
        this.classification = b.classification;
        this.models = Map.copyOf(b.models);
    }

    /** Every call goes to {@code product}, with data of classification {@link Classification#DEFAULT}. */
    public static ClearanceRouting to(String product) {
        return builder(product).build();
    }

    /** A routing whose calls go to {@code defaultProduct} unless a model mapping says otherwise. */
    public static Builder builder(String defaultProduct) {
        return new Builder(defaultProduct);
    }

    /** The catalog product for a call to {@code model} (null or blank: the default product). */
    public String product(String model) {
        if (model == null || model.isBlank()) {
            return defaultProduct;
        }
        String exact = models.get(model);
        if (exact != null) {
            return exact;
        }
        String best = null;
        int bestLength = -1;
        for (Map.Entry<String, String> e : models.entrySet()) {
            if (model.startsWith(e.getKey()) && e.getKey().length() > bestLength) {
                best = e.getValue();
                bestLength = e.getKey().length();
            }
        }
        return best != null ? best : defaultProduct;
    }

    /** The classification of a call that names none. */
    public Classification classification() {
        return classification;
    }

    @Override
    public String toString() {
        return "ClearanceRouting[default " + defaultProduct + ", " + models.size() + " models, " + classification + "]";
    }

    /** Builds a {@link ClearanceRouting}. */
    public static final class Builder {
        private final String defaultProduct;
        private Classification classification = Classification.DEFAULT;
        private final Map<String, String> models = new LinkedHashMap<>();

        private Builder(String defaultProduct) {
            this.defaultProduct = requireText(defaultProduct, "defaultProduct");
        }

        /** Calls to a model whose name is, or starts with, {@code modelNameOrPrefix} go to {@code product}. */
        public Builder model(String modelNameOrPrefix, String product) {
            models.put(requireText(modelNameOrPrefix, "modelNameOrPrefix"), requireText(product, "product"));
            return this;
        }

        /** The classification of calls that name none; default {@link Classification#DEFAULT}. */
        public Builder classification(Classification classification) {
            this.classification = Objects.requireNonNull(classification, "classification");
            return this;
        }

        public ClearanceRouting build() {
            return new ClearanceRouting(this);
        }

        private static String requireText(String s, String name) {
            Objects.requireNonNull(s, name);
            if (s.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return s;
        }
    }
}
