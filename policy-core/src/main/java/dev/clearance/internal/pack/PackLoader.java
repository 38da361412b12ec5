package dev.clearance.internal.pack;

import dev.clearance.pack.RuleFile;
import dev.clearance.internal.json.Mappers;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.clearance.Classification;
import dev.clearance.Diagnostic;
import dev.clearance.catalog.ProviderCatalog;
import dev.clearance.pack.RulePack;
import dev.clearance.RulePackCompilationException;
import dev.clearance.Severity;
import dev.clearance.TermSet;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Map;
import java.util.TreeMap;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads pack directories and classpath packs. Internal. */
public final class PackLoader {
    static final String MANIFEST = "pack.yaml";
    static final String CATALOG = "catalog.yaml";

    private PackLoader() {
    }

    /** The manifest's shape; unknown keys are rejected. */
    record Manifest(String id, String version, String description, List<String> files, String catalog,
            List<TermSetEntry> termSets, Map<String, String> checksums, String signature, String dsl) {
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

    /** A loaded pack and the SHA-256 of every file it was read from (pack.yaml aside). */
    public record Loaded(RulePack pack, Map<String, String> hashes) {
    }

    /** A term set as written in {@code pack.yaml}. */
    record TermSetEntry(String name, Classification classification, Boolean redact, List<String> terms,
            List<String> patterns, String termsFile) {
    }

    public static RulePack fromDirectory(Path dir) {
        return load(dir, List.of()).pack();
    }

    public static RulePack fromDirectory(Path dir, List<PublicKey> trusted) {
        return load(dir, trusted).pack();
    }

    /** Loads and verifies a pack directory; {@code trusted} null skips checksum and signature checks. */
    public static Loaded load(Path dir, List<PublicKey> trusted) {
        if (!Files.isDirectory(dir)) {
            throw error(dir.toString(), dir.toString(), 0, "not a directory");
        }
        Path manifestFile = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw error(dir.toString(), MANIFEST, 0, "missing " + MANIFEST + " (needs at least id and version)");
        }
        byte[] manifestBytes = read(manifestFile);
        Manifest m = readManifest(manifestBytes, MANIFEST);
        List<String> files = m.files() != null ? m.files() : discover(dir);
        Map<String, String> hashes = new TreeMap<>();
        RulePack pack = assemble(m, manifestBytes, files, path -> {
            Path p = dir.resolve(path).normalize();
            if (!p.startsWith(dir.normalize())) {
                throw error(m.id(), MANIFEST, 0, "file outside the pack: " + path);
            }
            byte[] bytes = Files.isRegularFile(p) ? read(p) : null;
            if (bytes != null) {
                hashes.put(path, PackSignatures.sha256(bytes));
            }
            return bytes;
        });
        if (trusted != null) {
            List<Diagnostic> problems = PackSignatures.check(m.id(), m.version(),
                    new String(manifestBytes, StandardCharsets.UTF_8), m.checksums(), m.signature(), hashes,
                    trusted);
            if (!problems.isEmpty()) {
                throw new RulePackCompilationException(m.id(), problems);
            }
        }
        return new Loaded(pack, Map.copyOf(hashes));
    }

    public static RulePack fromClasspath(String location, ClassLoader loader) {
        String base = location.endsWith("/") ? location : location + "/";
        byte[] manifestBytes = resource(loader, base + MANIFEST);
        if (manifestBytes == null) {
            throw error(location, base + MANIFEST, 0, "missing " + MANIFEST + " on the classpath");
        }
        Manifest m = readManifest(manifestBytes, base + MANIFEST);
        if (m.files() == null) {
            throw error(m.id(), base + MANIFEST, 0, "a classpath pack must list its 'files'");
        }
        Map<String, String> hashes = new TreeMap<>();
        RulePack pack = assemble(m, manifestBytes, m.files(), path -> {
            byte[] bytes = resource(loader, base + path);
            if (bytes != null) {
                hashes.put(path, PackSignatures.sha256(bytes));
            }
            return bytes;
        });
        List<Diagnostic> problems = PackSignatures.check(m.id(), m.version(),
                new String(manifestBytes, StandardCharsets.UTF_8), m.checksums(), m.signature(), hashes, List.of());
        if (!problems.isEmpty()) {
            throw new RulePackCompilationException(m.id(), problems);
        }
        return pack;
    }

    /**
     * Loads a pack from a jar (or zip): the folder {@code location} inside it, or when {@code location} is null the
     * jar's root if it holds {@code pack.yaml}, else the one folder that does. Checksums and a signature in the
     * manifest are verified as for classpath packs.
     */
    public static RulePack fromJar(Path jar, String location) {
        if (!Files.isRegularFile(jar)) {
            throw error(jar.toString(), jar.toString(), 0, "no such jar file");
        }
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
            String base;
            if (location != null) {
                base = location.isEmpty() || location.endsWith("/") ? location : location + "/";
            } else if (zip.getEntry(MANIFEST) != null) {
                base = "";
            } else {
                List<String> found = zip.stream().map(java.util.zip.ZipEntry::getName)
                        .filter(n -> n.endsWith("/" + MANIFEST)).sorted().toList();
                if (found.size() != 1) {
                    throw error(jar.toString(), jar.toString(), 0, found.isEmpty() ? "no " + MANIFEST + " in the jar"
                            : "several packs in the jar, name one: " + found);
                }
                base = found.get(0).substring(0, found.get(0).length() - MANIFEST.length());
            }
            java.util.zip.ZipEntry manifestEntry = zip.getEntry(base + MANIFEST);
            if (manifestEntry == null) {
                throw error(jar.toString(), base + MANIFEST, 0, "missing " + MANIFEST + " in " + jar);
            }
            byte[] manifestBytes = zip.getInputStream(manifestEntry).readAllBytes();
            Manifest m = readManifest(manifestBytes, MANIFEST);
            final String prefix = base;
            List<String> files = m.files() != null ? m.files()
                    : zip.stream().filter(e -> !e.isDirectory() && e.getName().startsWith(prefix))
                            .map(e -> e.getName().substring(prefix.length()))
                            .filter(p -> RuleFile.Kind.of(p) != null).sorted().toList();
            Map<String, String> hashes = new TreeMap<>();
            RulePack pack = assemble(m, manifestBytes, files, path -> {
                java.util.zip.ZipEntry e = zip.getEntry(prefix + path);
                byte[] bytes = e == null || e.isDirectory() ? null : zip.getInputStream(e).readAllBytes();
                if (bytes != null) {
                    hashes.put(path, PackSignatures.sha256(bytes));
                }
                return bytes;
            });
            List<Diagnostic> problems = PackSignatures.check(m.id(), m.version(),
                    new String(manifestBytes, StandardCharsets.UTF_8), m.checksums(), m.signature(), hashes,
                    List.of());
            if (!problems.isEmpty()) {
                throw new RulePackCompilationException(m.id(), problems);
            }
            return pack;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read jar " + jar, e);
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

    private static RulePack assemble(Manifest m, byte[] manifestBytes, List<String> files, Reader reader) {
        RulePack.Builder b = RulePack.builder(m.id(), m.version());
        if (m.description() != null) {
            b.description(m.description());
        }
        String manifestText = new String(manifestBytes, StandardCharsets.UTF_8);
        List<Diagnostic> problems = new ArrayList<>();
        if (m.dsl() != null) {
            if ("builtin".equals(m.dsl())) {
                b.file(builtinDsl());
            } else {
                problems.add(new Diagnostic(Severity.ERROR, MANIFEST, lineOf(manifestText, "dsl:"), 1, null,
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
                    problems.add(new Diagnostic(Severity.ERROR, MANIFEST, lineOf(manifestText, f), 1, null,
                            "listed file not found: " + f));
                } else {
                    b.file(RuleFile.of(f, bytes));
                }
            }
            String catalogName = m.catalog() != null ? m.catalog() : CATALOG;
            byte[] catalog = reader.read(catalogName);
            if (catalog != null) {
                b.catalog(ProviderCatalog.parse(new ByteArrayInputStream(catalog), catalogName));
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
                        new String(bytes, java.nio.charset.StandardCharsets.UTF_8).lines().map(String::strip)
                                .filter(s -> !s.isEmpty() && !s.startsWith("#")).forEach(terms::add);
                    }
                    try {
                        b.termSet(new TermSet(t.name(), t.classification(), Boolean.TRUE.equals(t.redact()), terms,
                                t.patterns()));
                    } catch (IllegalArgumentException | NullPointerException e) {
                        problems.add(diag(MANIFEST, "invalid term set: " + e.getMessage()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pack '" + m.id() + "'", e);
        }
        if (files.isEmpty()) {
            problems.add(diag(MANIFEST, "the pack has no rule files"));
        }
        if (!problems.isEmpty()) {
            throw new RulePackCompilationException(m.id(), problems);
        }
        return b.build();
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
        if (m == null || m.id() == null || m.id().isBlank() || m.version() == null || m.version().isBlank()) {
            throw error(resource, resource, 1, "manifest needs 'id' and 'version'");
        }
        return m;
    }

    private static List<String> discover(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> RuleFile.Kind.of(p) != null)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
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
        return new RulePackCompilationException(pack,
                List.of(new Diagnostic(Severity.ERROR, resource, line, 0, null, message)));
    }
}
