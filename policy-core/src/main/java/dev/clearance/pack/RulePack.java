package dev.clearance.pack;

import dev.clearance.TermSet;
import dev.clearance.catalog.ProviderCatalog;
import dev.clearance.internal.pack.PackLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A versioned set of rule files plus the provider catalog and term sets they were written against. Immutable.
 *
 * <p>On disk a pack is a directory with a {@code pack.yaml} manifest ({@code id}, {@code version}, optional
 * {@code description}, {@code files}, {@code termSets}) and the rule files; an optional {@code catalog.yaml}
 * extends the provider catalog. Without a {@code files} list every {@code .drl}, {@code .dsl}/{@code .dslr} and
 * decision table under the directory is loaded.
 */
public final class RulePack {
    private final String id;
    private final String version;
    private final String description;
    private final List<RuleFile> files;
    private final ProviderCatalog catalog;
    private final List<TermSet> termSets;

    private RulePack(Builder b) {
        this.id = b.id;
        this.version = b.version;
        this.description = b.description;
        this.files = List.copyOf(b.files);
        this.catalog = b.catalog;
        this.termSets = List.copyOf(b.termSets);
    }

    /**
     * Loads a pack directory.
     *
     * @throws RulePackCompilationException when the manifest, catalog or a listed file is missing or invalid
     */
    public static RulePack fromDirectory(Path directory) {
        return PackLoader.fromDirectory(directory);
    }

    /**
     * Loads a pack directory and verifies it against {@code trust}: with trusted keys the pack must be signed by
     * one of them and every file must match its checksum.
     *
     * @throws RulePackCompilationException when the pack is unsigned, tampered, signed by another key or invalid
     */
    public static RulePack fromDirectory(Path directory, PackTrust trust) {
        return PackLoader.fromDirectory(directory, trust.keys());
    }

    /**
     * Loads a pack from the classpath: {@code location/pack.yaml}, which must list its files.
     *
     * @param location resource folder, e.g. {@code dev/clearance/policy/v1}
     */
    public static RulePack fromClasspath(String location, ClassLoader loader) {
        return PackLoader.fromClasspath(location, loader);
    }

    /**
     * Loads a pack from a jar or zip file: its root when that holds {@code pack.yaml}, otherwise the one folder
     * inside that does.
     *
     * @throws RulePackCompilationException when there is no pack, several, or the pack is invalid
     */
    public static RulePack fromJar(Path jar) {
        return PackLoader.fromJar(jar, null);
    }

    /**
     * Loads the pack in folder {@code location} of a jar or zip file, e.g. {@code dev/clearance/policy/v1}.
     *
     * @throws RulePackCompilationException when the pack is missing or invalid
     */
    public static RulePack fromJar(Path jar, String location) {
        return PackLoader.fromJar(jar, Objects.requireNonNull(location, "location"));
    }

    /**
     * Loads a pack from a directory ({@link #fromDirectory}) or a jar/zip file ({@link #fromJar(Path)}).
     */
    public static RulePack load(Path directoryOrJar) {
        return Files.isDirectory(directoryOrJar) ? fromDirectory(directoryOrJar) : fromJar(directoryOrJar);
    }

    /**
     * The business DSL Clearance ships ({@code dev/clearance/dsl/clearance.dsl}): sentences such as
     * {@code the data is at least CONFIDENTIAL} for {@code .dslr} rule files. A manifest includes it with
     * {@code dsl: builtin}.
     */
    public static RuleFile builtinDsl() {
        return PackLoader.builtinDsl();
    }

    /** A pack built in code. */
    public static Builder builder(String id, String version) {
        return new Builder(id, version);
    }

    public String id() {
        return id;
    }

    public String version() {
        return version;
    }

    public String description() {
        return description;
    }

    public List<RuleFile> files() {
        return files;
    }

    /** The catalog the pack ships with; empty when it ships none. */
    public ProviderCatalog catalog() {
        return catalog;
    }

    /** The organization's dictionaries and patterns the pack declares. */
    public List<TermSet> termSets() {
        return termSets;
    }

    @Override
    public String toString() {
        return "RulePack[" + id + "@" + version + ", " + files.size() + " files]";
    }

    /** Builds a {@link RulePack}. */
    public static final class Builder {
        private final String id;
        private final String version;
        private String description = "";
        private final List<RuleFile> files = new ArrayList<>();
        private ProviderCatalog catalog = ProviderCatalog.empty();
        private final List<TermSet> termSets = new ArrayList<>();

        private Builder(String id, String version) {
            this.id = requireText(id, "id");
            this.version = requireText(version, "version");
        }

        public Builder description(String description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        public Builder file(RuleFile file) {
            files.add(Objects.requireNonNull(file, "file"));
            return this;
        }

        /** Adds the business DSL Clearance ships, for the pack's {@code .dslr} files. */
        public Builder builtinDsl() {
            return file(RulePack.builtinDsl());
        }

        /** Adds a DRL file from text. */
        public Builder drl(String path, String text) {
            return file(RuleFile.of(path, text));
        }

        public Builder catalog(ProviderCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        public Builder termSet(TermSet set) {
            termSets.add(Objects.requireNonNull(set, "set"));
            return this;
        }

        public RulePack build() {
            if (files.isEmpty()) {
                throw new IllegalStateException("rule pack '" + id + "' has no rule files");
            }
            return new RulePack(this);
        }

        private static String requireText(String value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }
    }
}
