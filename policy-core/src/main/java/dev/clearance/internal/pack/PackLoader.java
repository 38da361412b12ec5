package dev.clearance.internal.pack;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.clearance.Classification;
import dev.clearance.Diagnostic;
import dev.clearance.RulePackCompilationException;
import dev.clearance.Severity;
import dev.clearance.TermSet;
import dev.clearance.catalog.ProviderCatalog;
import dev.clearance.internal.json.Mappers;
import dev.clearance.pack.RuleFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads and verifies packs from every {@link PackSource}: the one place pack trust is checked. Internal. */
public final class PackLoader {
    static final String MANIFEST = PackSource.MANIFEST;
    static final String CATALOG = PackSource.CATALOG;

    private PackLoader() {}

    /** The manifest's shape; unknown keys are rejected. */
    record Manifest(
            String id,
            String version,
            String description,
            List<String> files,
            String catalog,
            List<TermSetEntry> termSets,
            TuningEntry tuning,
            Map<String, String> checksums,
            String signature,
            String dsl,
            EntitiesEntry entities,
            List<String> phoneRegions) {}

    /** {@code entities:}: whether entity recognition runs, and for which types (default all); unknown keys rejected. */
    record EntitiesEntry(Boolean enabled, List<String> types) {}

    /**
     * Reads the {@code entities:} section: the entity types to recognize, empty when off. A pack that turns it on
     * where no entity recognizer is on the class path is a load error.
     */
    static java.util.Set<String> entities(EntitiesEntry e, List<Diagnostic> problems) {
        if (e == null) {
            return java.util.Set.of();
        }
        if (e.enabled() == null) {
            problems.add(diag(MANIFEST, "entities.enabled: required (true or false)"));
            return java.util.Set.of();
        }
        java.util.Set<String> types;
        try {
            types = dev.clearance.internal.detect.EntityTypes.check(
                    e.types() == null ? dev.clearance.internal.detect.EntityTypes.ALL : e.types());
        } catch (IllegalArgumentException ex) {
            problems.add(diag(MANIFEST, "entities.types: " + ex.getMessage()));
            return java.util.Set.of();
        }
        if (!e.enabled()) {
            return java.util.Set.of();
        }
        if (dev.clearance.internal.detect.EntityTypes.onClassPath(
                                Thread.currentThread().getContextClassLoader())
                        .isEmpty()
                && dev.clearance.internal.detect.EntityTypes.onClassPath(PackLoader.class.getClassLoader())
                        .isEmpty()) {
            problems.add(diag(
                    MANIFEST,
                    "entities.enabled: the pack turns entity recognition on, but no EntityRecognizer is on the class"
                            + " path: add the clearance-entities module (dev.clearance:clearance-entities)"));
            return java.util.Set.of();
        }
        return types;
    }

    /** Reads {@code phoneRegions:}: the region hints for national phone numbers, empty for the defaults. */
    static List<String> phoneRegions(List<String> regions, List<Diagnostic> problems) {
        if (regions == null) {
            return List.of();
        }
        try {
            return dev.clearance.internal.detect.pii.PiiDetector.checkPhoneRegions(regions);
        } catch (IllegalArgumentException e) {
            problems.add(diag(MANIFEST, "phoneRegions: " + e.getMessage()));
            return List.of();
        }
    }

    /** Classpath resource of the business DSL Clearance ships; a manifest includes it with {@code dsl: builtin}. */
    public static final String BUILTIN_DSL = "dev/clearance/dsl/clearance.dsl";

    /** The shipped DSL as a rule file. */
    public static RuleFile builtinDsl() {
        byte[] bytes = resource(PackLoader.class.getClassLoader(), BUILTIN_DSL);
        if (bytes == null) {
            throw new IllegalStateException("the built-in DSL is missing from the classpath: " + BUILTIN_DSL);
        }
        return RuleFile.of(BUILTIN_DSL, bytes);
    }

    /** The {@code tuning:} section of {@code pack.yaml}; unknown keys are rejected. */
    record TuningEntry(
            List<AllowEntry> allow,
            List<ContextEntry> context,
            Map<String, Double> minConfidence,
            List<ExcludeEntry> exclude,
            List<String> requestAllow) {}

    /** {@code tuning.exclude[i]}: findings of {@code types} (default every one) in requests of a path or label. */
    record ExcludeEntry(List<String> paths, List<String> labels, List<String> types) {}

    /** {@code tuning.allow[i]}: exact values and RE2 patterns for one selector ({@code type}, default {@code *}). */
    record AllowEntry(String type, List<String> values, List<String> patterns) {}

    /** {@code tuning.context[i]}: words that raise (positive) or lower (negative) confidence within a window. */
    record ContextEntry(String type, List<String> words, Double confidence, Integer window) {}

    /** Reads the tuning section; each problem is reported with its key path, never with a value. */
    static dev.clearance.DetectionTuning tuning(TuningEntry t, List<Diagnostic> problems) {
        dev.clearance.DetectionTuning.Builder b = dev.clearance.DetectionTuning.builder();
        if (t == null) {
            return b.build();
        }
        List<AllowEntry> allow = t.allow() == null ? List.of() : t.allow();
        for (int i = 0; i < allow.size(); i++) {
            AllowEntry a = allow.get(i);
            String path = "tuning.allow[" + i + "]";
            if (a == null || (a.values() == null && a.patterns() == null)) {
                problems.add(diag(MANIFEST, path + ": needs 'values' or 'patterns'"));
                continue;
            }
            String type = a.type() == null ? "*" : a.type();
            List<String> values = a.values() == null ? List.of() : a.values();
            for (int v = 0; v < values.size(); v++) {
                try {
                    b.allowValue(type, values.get(v));
                } catch (IllegalArgumentException | NullPointerException e) {
                    problems.add(diag(MANIFEST, path + ".values[" + v + "]: must be a non-empty string"));
                }
            }
            List<String> patterns = a.patterns() == null ? List.of() : a.patterns();
            for (int p = 0; p < patterns.size(); p++) {
                try {
                    b.allowPattern(type, patterns.get(p));
                } catch (IllegalArgumentException | NullPointerException e) {
                    problems.add(diag(MANIFEST, path + ".patterns[" + p + "]: not a valid RE2 pattern"));
                }
            }
        }
        List<ContextEntry> context = t.context() == null ? List.of() : t.context();
        for (int i = 0; i < context.size(); i++) {
            ContextEntry c = context.get(i);
            String path = "tuning.context[" + i + "]";
            if (c == null || c.words() == null || c.confidence() == null) {
                problems.add(diag(MANIFEST, path + ": needs 'words' and 'confidence'"));
                continue;
            }
            try {
                b.contextWords(
                        c.type() == null ? "*" : c.type(),
                        c.words(),
                        c.confidence(),
                        c.window() == null ? 40 : c.window());
            } catch (IllegalArgumentException | NullPointerException e) {
                problems.add(diag(MANIFEST, path + ": " + e.getMessage()));
            }
        }
        List<ExcludeEntry> exclude = t.exclude() == null ? List.of() : t.exclude();
        for (int i = 0; i < exclude.size(); i++) {
            ExcludeEntry x = exclude.get(i);
            String path = "tuning.exclude[" + i + "]";
            if (x == null) {
                problems.add(diag(MANIFEST, path + ": needs 'paths' or 'labels'"));
                continue;
            }
            try {
                b.exclude(x.paths(), x.labels(), x.types());
            } catch (IllegalArgumentException | NullPointerException e) {
                problems.add(diag(
                        MANIFEST,
                        path + ": "
                                + (e.getMessage() == null
                                        ? "paths, labels and types must be lists of non-blank strings"
                                        : e.getMessage())));
            }
        }
        List<String> requestAllow = t.requestAllow() == null ? List.of() : t.requestAllow();
        for (int i = 0; i < requestAllow.size(); i++) {
            try {
                b.requestAllow(requestAllow.get(i));
            } catch (IllegalArgumentException | NullPointerException e) {
                problems.add(diag(MANIFEST, "tuning.requestAllow[" + i + "]: must be a non-blank selector"));
            }
        }
        if (t.minConfidence() != null) {
            for (Map.Entry<String, Double> e : t.minConfidence().entrySet()) {
                try {
                    b.minConfidence(e.getKey(), e.getValue() == null ? -1 : e.getValue());
                } catch (IllegalArgumentException | NullPointerException ex) {
                    problems.add(diag(MANIFEST, "tuning.minConfidence." + e.getKey() + ": " + ex.getMessage()));
                }
            }
        }
        return b.build();
    }

    /** A term set as written in {@code pack.yaml}. */
    record TermSetEntry(
            String name,
            Classification classification,
            Boolean redact,
            List<String> terms,
            List<String> patterns,
            String termsFile) {}

    /**
     * Reads and verifies the pack in a directory or a jar/zip archive. Checksums in the manifest are always
     * verified; when {@code trusted} is not empty the pack must also carry a valid signature by one of them.
     */
    public static PackContents load(Path directoryOrArchive, List<PublicKey> trusted) {
        try (PackSource source = PackSource.of(directoryOrArchive)) {
            return load(source, trusted, true);
        }
    }

    /** Reads and verifies the pack in folder {@code location} of a jar/zip archive, as {@link #load(Path, List)}. */
    public static PackContents loadArchive(Path archive, String location, List<PublicKey> trusted) {
        if (!Files.isRegularFile(archive)) {
            throw PackSource.error(archive.toString(), "no such pack archive (.jar/.zip)");
        }
        try (PackSource source =
                PackSource.Archive.open(archive.toAbsolutePath().normalize(), location)) {
            return load(source, trusted, true);
        }
    }

    /** Reads and verifies a classpath pack, as {@link #load(Path, List)} does. */
    public static PackContents loadClasspath(String location, ClassLoader loader, List<PublicKey> trusted) {
        return load(new PackSource.Classpath(location, loader), trusted, true);
    }

    /** Reads a pack directory or archive without verifying checksums or signature: for signing or bundling it. */
    public static PackContents loadUnverified(Path directoryOrArchive) {
        try (PackSource source = PackSource.of(directoryOrArchive)) {
            return load(source, List.of(), false);
        }
    }

    /** Reads a pack directory without verifying checksums or signature: for signing it. */
    static PackContents loadForSigning(Path directory) {
        try (PackSource source = PackSource.of(directory)) {
            return load(source, List.of(), false);
        }
    }

    private static PackContents load(PackSource source, List<PublicKey> trusted, boolean verify) {
        try {
            byte[] manifestBytes = source.read(MANIFEST);
            if (manifestBytes == null) {
                throw error(source.describe(), MANIFEST, 0, "missing " + MANIFEST + " (needs at least id and version)");
            }
            Manifest m = readManifest(manifestBytes, MANIFEST);
            List<String> files = m.files();
            if (files == null) {
                files = source.discover();
                if (files == null) {
                    throw error(m.id(), MANIFEST, 0, "a classpath pack must list its 'files'");
                }
            }
            Map<String, String> hashes = new TreeMap<>();
            PackContents unverified = assemble(
                    m,
                    manifestBytes,
                    files,
                    path -> {
                        byte[] bytes = source.read(path);
                        if (bytes != null) {
                            hashes.put(path, PackSignatures.sha256(bytes));
                        }
                        return bytes;
                    },
                    hashes);
            if (!verify) {
                return unverified;
            }
            byte[] jws = source.read(PackJws.FILE);
            List<Diagnostic> problems;
            if (jws == null) {
                problems = PackSignatures.check(
                        m.id(),
                        m.version(),
                        new String(manifestBytes, StandardCharsets.UTF_8),
                        m.checksums(),
                        m.signature(),
                        hashes,
                        trusted);
            } else {
                // detached JWS: the signature covers pack.yaml and every file read; checksums in pack.yaml, if
                // any, are still checked, the trusted keys verify the JWS only
                Map<String, String> covered = new TreeMap<>(hashes);
                covered.put(MANIFEST, PackSignatures.sha256(manifestBytes));
                problems = new ArrayList<>(PackSignatures.check(
                        m.id(),
                        m.version(),
                        new String(manifestBytes, StandardCharsets.UTF_8),
                        m.checksums(),
                        m.signature(),
                        hashes,
                        List.of()));
                problems.addAll(PackJws.check(jws, m.id(), m.version(), covered, trusted, java.time.Instant.now()));
            }
            if (!problems.isEmpty()) {
                throw new RulePackCompilationException(m.id(), problems);
            }
            return new PackContents(
                    unverified.id(),
                    unverified.version(),
                    unverified.description(),
                    unverified.files(),
                    unverified.catalog(),
                    unverified.termSets(),
                    unverified.tuning(),
                    unverified.entityTypes(),
                    unverified.phoneRegions(),
                    hashes,
                    !trusted.isEmpty(),
                    fingerprint(manifestBytes, hashes, jws));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pack " + source.describe(), e);
        }
    }

    /** 1-based line of the first line of {@code text} containing {@code needle}; 1 when none. */
    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        return 1;
    }

    interface Reader {
        byte[] read(String path) throws IOException;
    }

    private static PackContents assemble(
            Manifest m, byte[] manifestBytes, List<String> files, Reader reader, Map<String, String> hashes) {
        List<RuleFile> ruleFiles = new ArrayList<>();
        ProviderCatalog packCatalog = ProviderCatalog.empty();
        List<TermSet> termSets = new ArrayList<>();
        String manifestText = new String(manifestBytes, StandardCharsets.UTF_8);
        List<Diagnostic> problems = new ArrayList<>();
        if (m.dsl() != null) {
            if ("builtin".equals(m.dsl())) {
                ruleFiles.add(builtinDsl());
            } else {
                problems.add(new Diagnostic(
                        Severity.ERROR,
                        MANIFEST,
                        lineOf(manifestText, "dsl:"),
                        1,
                        null,
                        "unknown dsl '" + m.dsl() + "': the only shared DSL is 'builtin' (a pack's own .dsl file"
                                + " is listed under 'files')"));
            }
        }
        try {
            for (String f : files) {
                if (RuleFile.Kind.of(f) == null) {
                    problems.add(diag(MANIFEST, "not a rule file (.drl, .dsl, .dslr, .csv, .xlsx): " + f));
                    continue;
                }
                byte[] bytes = reader.read(f);
                if (bytes == null) {
                    problems.add(new Diagnostic(
                            Severity.ERROR, MANIFEST, lineOf(manifestText, f), 1, null, "listed file not found: " + f));
                } else {
                    ruleFiles.add(RuleFile.of(f, bytes));
                }
            }
            String catalogName = m.catalog() != null ? m.catalog() : CATALOG;
            byte[] catalog = reader.read(catalogName);
            if (catalog != null) {
                packCatalog = ProviderCatalog.parse(new ByteArrayInputStream(catalog), catalogName);
            } else if (m.catalog() != null) {
                problems.add(diag(MANIFEST, "catalog file not found: " + m.catalog()));
            }
            if (m.termSets() != null) {
                for (TermSetEntry t : m.termSets()) {
                    List<String> terms = new ArrayList<>(t.terms() == null ? List.of() : t.terms());
                    if (t.termsFile() != null) {
                        byte[] bytes = reader.read(t.termsFile());
                        if (bytes == null) {
                            problems.add(diag(MANIFEST, "terms file not found: " + t.termsFile()));
                            continue;
                        }
                        new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                                .lines()
                                .map(String::strip)
                                .filter(s -> !s.isEmpty() && !s.startsWith("#"))
                                .forEach(terms::add);
                    }
                    try {
                        termSets.add(new TermSet(
                                t.name(), t.classification(), Boolean.TRUE.equals(t.redact()), terms, t.patterns()));
                    } catch (IllegalArgumentException | NullPointerException e) {
                        problems.add(diag(MANIFEST, "invalid term set: " + e.getMessage()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pack '" + m.id() + "'", e);
        }
        dev.clearance.DetectionTuning tuning = tuning(m.tuning(), problems);
        java.util.Set<String> entityTypes = entities(m.entities(), problems);
        List<String> phoneRegions = phoneRegions(m.phoneRegions(), problems);
        // a pack without rule files is valid: every request falls to default deny (check warns about it)
        if (!problems.isEmpty()) {
            throw new RulePackCompilationException(m.id(), problems);
        }
        return new PackContents(
                m.id(),
                m.version(),
                m.description() == null ? "" : m.description(),
                ruleFiles,
                packCatalog,
                termSets,
                tuning,
                entityTypes,
                phoneRegions,
                hashes,
                false,
                fingerprint(manifestBytes, hashes, null));
    }

    /**
     * SHA-256 over the manifest's, every file's and the detached signature's digests: what tells a re-signed or
     * re-built pack of the same id and version from the one serving.
     */
    static String fingerprint(byte[] manifestBytes, Map<String, String> hashes, byte[] jws) {
        StringBuilder all = new StringBuilder();
        all.append(MANIFEST)
                .append('=')
                .append(PackSignatures.sha256(manifestBytes))
                .append('\n');
        new TreeMap<>(hashes)
                .forEach((path, digest) ->
                        all.append(path).append('=').append(digest).append('\n'));
        if (jws != null) {
            all.append(PackJws.FILE)
                    .append('=')
                    .append(PackSignatures.sha256(jws))
                    .append('\n');
        }
        return PackSignatures.sha256(all.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Manifest readManifest(byte[] bytes, String resource) {
        Manifest m;
        try {
            m = Mappers.yaml().readValue(bytes, Manifest.class);
        } catch (JsonProcessingException e) {
            throw new RulePackCompilationException(resource, List.of(CatalogYaml.toDiagnostic(e, resource, bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (m == null
                || m.id() == null
                || m.id().isBlank()
                || m.version() == null
                || m.version().isBlank()) {
            throw error(resource, resource, 1, "manifest needs 'id' and 'version'");
        }
        return m;
    }

    private static byte[] resource(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath resource " + name, e);
        }
    }

    private static Diagnostic diag(String resource, String message) {
        return new Diagnostic(Severity.ERROR, resource, 0, 0, null, message);
    }

    private static RulePackCompilationException error(String pack, String resource, int line, String message) {
        return new RulePackCompilationException(
                pack, List.of(new Diagnostic(Severity.ERROR, resource, line, 0, null, message)));
    }
}
