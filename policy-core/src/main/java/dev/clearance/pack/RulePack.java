package dev.clearance.pack;

import dev.clearance.DetectionTuning;
import dev.clearance.RulePackCompilationException;
import dev.clearance.TermSet;
import dev.clearance.catalog.ProviderCatalog;
import dev.clearance.internal.pack.PackContents;
import dev.clearance.internal.pack.PackLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    private final DetectionTuning tuning;
    private final java.util.Set<String> entityTypes;
    private final List<String> phoneRegions;
    private final boolean unrestrictedCode;
    private final boolean signatureVerified;
    private final String fingerprint;

    private RulePack(Builder b) {
        this.id = b.id;
        this.version = b.version;
        this.description = b.description;
        this.files = List.copyOf(b.files);
        this.catalog = b.catalog;
        this.termSets = List.copyOf(b.termSets);
        this.tuning = b.tuning;
        this.entityTypes = b.entityTypes;
        this.phoneRegions = b.phoneRegions;
        this.unrestrictedCode = false;
        this.signatureVerified = false;
        StringBuilder all = new StringBuilder(id).append('@').append(version).append('\n');
        for (RuleFile f : files) {
            all.append(f.path())
                    .append('=')
                    .append(dev.clearance.internal.pack.PackSignatures.sha256(f.bytes()))
                    .append('\n');
        }
        this.fingerprint = dev.clearance.internal.pack.PackSignatures.sha256(
                all.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private RulePack(PackContents c, PackTrust trust) {
        this.id = c.id();
        this.version = c.version();
        this.description = c.description();
        this.files = c.files();
        this.catalog = c.catalog();
        this.termSets = c.termSets();
        this.tuning = c.tuning();
        this.entityTypes = c.entityTypes();
        this.phoneRegions = c.phoneRegions();
        // all of Java only for a pack whose signature verified against a key of a trust that allows it
        this.unrestrictedCode = trust.allowsUnrestrictedCode() && c.signed();
        this.signatureVerified = c.signed();
        this.fingerprint = c.fingerprint();
    }

    /**
     * Loads the pack in a directory (with {@code pack.yaml}) or a {@code .jar}/{@code .zip} archive, trusting no
     * key: checksums in the manifest are verified, a signature is not required. Same as
     * {@code load(path, PackTrust.none())}.
     *
     * @throws RulePackCompilationException when the pack is missing, malformed or fails its checksums
     */
    public static RulePack load(Path directoryOrArchive) {
        return load(directoryOrArchive, PackTrust.none());
    }

    /**
     * The one way to load a pack from the file system: a directory (with {@code pack.yaml}; without a
     * {@code files} list every rule file under it is loaded) or a {@code .jar}/{@code .zip} archive (its root, or
     * the one folder in it that holds {@code pack.yaml}). Every file must lie inside the pack after symbolic
     * links are resolved. Checksums in the manifest are always verified; when {@code trust} has keys, the pack
     * must be signed by one of them, whatever its form. Relative paths resolve against the working directory.
     *
     * @throws RulePackCompilationException when the pack is missing, malformed, tampered with or, under a
     *         trust setting, unsigned or signed by an untrusted key
     */
    public static RulePack load(Path directoryOrArchive, PackTrust trust) {
        Objects.requireNonNull(directoryOrArchive, "directoryOrArchive");
        Objects.requireNonNull(trust, "trust");
        return new RulePack(PackLoader.load(directoryOrArchive, trust.keys()), trust);
    }

    /**
     * Loads the pack in folder {@code location} of a {@code .jar}/{@code .zip} archive holding several, verified
     * as {@link #load(Path, PackTrust)} verifies any pack.
     */
    public static RulePack load(Path archive, String location, PackTrust trust) {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(trust, "trust");
        return new RulePack(PackLoader.loadArchive(archive, location, trust.keys()), trust);
    }

    /**
     * Loads a pack from a classpath folder whose {@code pack.yaml} lists its {@code files}, trusting no key.
     *
     * @throws RulePackCompilationException when the pack is missing, malformed or fails its checksums
     */
    public static RulePack fromClasspath(String location, ClassLoader loader) {
        return fromClasspath(location, loader, PackTrust.none());
    }

    /** Loads a classpath pack, verified as {@link #load(Path, PackTrust)} verifies a directory. */
    public static RulePack fromClasspath(String location, ClassLoader loader, PackTrust trust) {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(trust, "trust");
        return new RulePack(PackLoader.loadClasspath(location, loader, trust.keys()), trust);
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

    /** The detection tuning the pack declares ({@code tuning:} in {@code pack.yaml}); none by default. */
    public DetectionTuning tuning() {
        return tuning;
    }

    /**
     * The entity types the pack turns on ({@code entities: {enabled: true, types: [...]}} in {@code pack.yaml}),
     * upper case; empty when entity recognition is off (the default). An engine built on the pack then adds the entity
     * recognizers on the class path for these types.
     */
    public java.util.Set<String> entityTypes() {
        return entityTypes;
    }

    /**
     * The regions national phone numbers are validated against ({@code phoneRegions:} in {@code pack.yaml}); empty
     * for the built-in defaults.
     */
    public List<String> phoneRegions() {
        return phoneRegions;
    }

    /**
     * Whether the pack's rule code may use all of Java: only when it was loaded signed under
     * {@link PackTrust#allowUnrestrictedCode()}. Otherwise (the default, and every pack built in code) its code is
     * verified before it compiles against the allowlist in {@code docs/pack-sandbox.md}: the facts, the verdict,
     * immutable {@code java.lang}/{@code java.util} values; no I/O, processes, reflection, threads, loops or
     * recursion.
     */
    public boolean allowsUnrestrictedCode() {
        return unrestrictedCode;
    }

    /**
     * Whether the pack was loaded under a {@link PackTrust} with keys and its signature verified against one of them.
     * A signed pack's provider facts are then part of what was signed: an organization catalog layered over them
     * must be signed by a trusted key too (see {@code PolicySetup} in policy-rules).
     */
    public boolean signatureVerified() {
        return signatureVerified;
    }

    /**
     * SHA-256 over the digests of the manifest, every file and the detached signature (for a built pack: its files):
     * the poller's test for "same id and version, but not the same bundle".
     */
    String fingerprint() {
        return fingerprint;
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
        private DetectionTuning tuning = DetectionTuning.none();
        private java.util.Set<String> entityTypes = java.util.Set.of();
        private List<String> phoneRegions = List.of();

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

        /** Detection tuning: allow-lists, context words, minimum confidences. */
        public Builder tuning(DetectionTuning tuning) {
            this.tuning = Objects.requireNonNull(tuning, "tuning");
            return this;
        }

        /**
         * Turns entity recognition on for {@code types} (of {@code PERSON}, {@code LOCATION}, {@code ORGANIZATION},
         * {@code DATE_TIME}), as {@code entities:} does in {@code pack.yaml}.
         *
         * @throws IllegalArgumentException when {@code types} is empty or names another type
         */
        public Builder entities(java.util.Collection<String> types) {
            this.entityTypes = dev.clearance.internal.detect.EntityTypes.check(Objects.requireNonNull(types, "types"));
            return this;
        }

        /**
         * The regions national phone numbers are validated against, as {@code phoneRegions:} does in
         * {@code pack.yaml}.
         *
         * @throws IllegalArgumentException when the list is empty or a region is not one libphonenumber knows
         */
        public Builder phoneRegions(List<String> regions) {
            this.phoneRegions = dev.clearance.internal.detect.pii.PiiDetector.checkPhoneRegions(
                    Objects.requireNonNull(regions, "regions"));
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
