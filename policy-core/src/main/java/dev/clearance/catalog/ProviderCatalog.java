package dev.clearance.catalog;

import dev.clearance.internal.pack.CatalogYaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The products Clearance knows, keyed by id. Immutable. The built-in catalog ships with the default rule pack;
 * an organization's file {@linkplain #mergedWith(ProviderCatalog) merges over it}: an entry with the same id
 * replaces the built-in one, new ids are added.
 */
public final class ProviderCatalog {
    private static final ProviderCatalog EMPTY = new ProviderCatalog(Map.of());

    private final Map<String, Product> products;

    private ProviderCatalog(Map<String, Product> products) {
        this.products = products;
    }

    /** A catalog that knows nothing: every product is UNKNOWN unless the request names a tier. */
    public static ProviderCatalog empty() {
        return EMPTY;
    }

    /** A catalog of the given products; a later product with the same id replaces an earlier one. */
    public static ProviderCatalog of(Collection<Product> products) {
        Map<String, Product> map = new LinkedHashMap<>();
        for (Product p : products) {
            map.put(p.id(), p);
        }
        return new ProviderCatalog(Map.copyOf(map));
    }

    /**
     * Reads a catalog YAML document ({@code products: [...]}).
     *
     * @param resource name used in error messages
     * @throws dev.clearance.RulePackCompilationException when the document is invalid, with the file and line
     */
    public static ProviderCatalog parse(InputStream yaml, String resource) {
        return of(CatalogYaml.read(yaml, resource));
    }

    /** Reads a catalog YAML file. */
    public static ProviderCatalog load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read catalog " + file, e);
        }
    }

    /**
     * Reads a catalog YAML file that, when {@code trust} has keys, must carry a detached signature by one of them in
     * {@code FILE.sig} (written by {@link dev.clearance.pack.PackTrust#signCatalog(Path, java.security.PrivateKey)}
     * or {@code clearance sign --catalog FILE}). The bytes verified are the bytes parsed.
     *
     * @throws UntrustedCatalogException when keys are trusted and the file is unsigned, changed after signing or
     *         signed by another key
     */
    public static ProviderCatalog load(Path file, dev.clearance.pack.PackTrust trust) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(trust, "trust");
        if (!trust.requiresSignature()) {
            return load(file);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read catalog " + file, e);
        }
        java.util.Optional<String> problem =
                dev.clearance.internal.pack.CatalogSignatures.problem(file, bytes, trust.keys());
        if (problem.isPresent()) {
            throw new UntrustedCatalogException(
                    "catalog " + file + " is not signed by a trusted key: " + problem.get());
        }
        return parse(new java.io.ByteArrayInputStream(bytes), file.toString());
    }

    /** This catalog with {@code overrides} merged over it: same ids replaced, new ids added. */
    public ProviderCatalog mergedWith(ProviderCatalog overrides) {
        Objects.requireNonNull(overrides, "overrides");
        if (overrides.products.isEmpty()) {
            return this;
        }
        Map<String, Product> map = new LinkedHashMap<>(products);
        map.putAll(overrides.products);
        return new ProviderCatalog(Map.copyOf(map));
    }

    /** The product with this id. */
    public Optional<Product> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(products.get(id));
    }

    /** Every product, in no particular order. */
    public Collection<Product> products() {
        return products.values();
    }

    public int size() {
        return products.size();
    }

    @Override
    public String toString() {
        return "ProviderCatalog[" + products.size() + " products]";
    }
}
