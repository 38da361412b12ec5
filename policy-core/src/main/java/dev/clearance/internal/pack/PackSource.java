package dev.clearance.internal.pack;

import dev.clearance.Diagnostic;
import dev.clearance.RulePackCompilationException;
import dev.clearance.Severity;
import dev.clearance.pack.RuleFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Where a pack's files are read from: a directory, a jar or zip archive, or a classpath folder. Every form is
 * read through the same {@link PackLoader#load} steps (manifest, files, catalog, term sets, checksums, signature),
 * so that trust is checked in one place. Paths are the manifest's, relative to the pack root, with {@code /}.
 */
abstract class PackSource implements AutoCloseable {
    /** The manifest's file name at a pack's root. */
    static final String MANIFEST = "pack.yaml";
    /** The pack's own catalog, unless the manifest names another. */
    static final String CATALOG = "catalog.yaml";

    /** What to call the pack in errors before its manifest is read. */
    abstract String describe();

    /** The bytes of {@code path} inside the pack, or null when there is no such regular file. */
    abstract byte[] read(String path) throws IOException;

    /** Rule files found when the manifest lists none, sorted; null when this form cannot list its files. */
    abstract List<String> discover() throws IOException;

    @Override
    public void close() {}

    static PackSource of(Path directoryOrArchive) {
        Path p = directoryOrArchive.toAbsolutePath().normalize();
        if (Files.isDirectory(p)) {
            return new Directory(p);
        }
        if (Files.isRegularFile(p)) {
            return Archive.open(p, null);
        }
        throw error(
                directoryOrArchive.toString(),
                "no such pack: not a directory with " + MANIFEST + " nor a .jar/.zip file");
    }

    static RulePackCompilationException error(String resource, String message) {
        return new RulePackCompilationException(
                resource, List.of(new Diagnostic(Severity.ERROR, resource, 0, 0, null, message)));
    }

    /**
     * A pack directory. Every file read must resolve, after symbolic links, to a regular file inside the
     * directory (itself resolved): a link to a copy outside the pack is refused, not followed.
     */
    static final class Directory extends PackSource {
        private final Path root;
        private final Path realRoot;

        Directory(Path root) {
            this.root = root;
            try {
                this.realRoot = root.toRealPath();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read pack directory " + root, e);
            }
        }

        @Override
        String describe() {
            return root.toString();
        }

        @Override
        byte[] read(String path) throws IOException {
            Path p = root.resolve(path).normalize();
            if (!p.startsWith(root)) {
                throw error(MANIFEST, "file outside the pack: " + path);
            }
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.exists(p)) {
                return null;
            }
            Path real;
            try {
                real = p.toRealPath();
            } catch (IOException e) {
                return null; // a dangling link: no such file
            }
            if (!real.startsWith(realRoot)) {
                throw error(MANIFEST, "file outside the pack (through a symbolic link): " + path);
            }
            return Files.isRegularFile(real) ? Files.readAllBytes(real) : null;
        }

        @Override
        List<String> discover() throws IOException {
            try (Stream<Path> walk = Files.walk(root)) {
                List<String> found = walk.filter(
                                p -> RuleFile.Kind.of(p.getFileName().toString()) != null)
                        .map(p -> root.relativize(p).toString().replace('\\', '/'))
                        .sorted()
                        .toList();
                for (String f : found) {
                    read(f); // refuses links that leave the pack, even for files no manifest lists
                }
                return found.stream()
                        .filter(f -> Files.isRegularFile(root.resolve(f)))
                        .toList();
            }
        }
    }

    /** A jar or zip holding one pack: at {@code location}, else at its root, else in the one folder that has one. */
    static final class Archive extends PackSource {
        private final Path file;
        private final ZipFile zip;
        private final String base;

        private Archive(Path file, ZipFile zip, String base) {
            this.file = file;
            this.zip = zip;
            this.base = base;
        }

        static Archive open(Path file, String location) {
            ZipFile zip;
            try {
                zip = new ZipFile(file.toFile());
            } catch (IOException e) {
                throw error(file.toString(), "not a readable .jar or .zip pack");
            }
            try {
                String base;
                if (location != null) {
                    base = location.isEmpty() || location.endsWith("/") ? location : location + "/";
                } else if (zip.getEntry(MANIFEST) != null) {
                    base = "";
                } else {
                    List<String> found = zip.stream()
                            .map(ZipEntry::getName)
                            .filter(n -> n.endsWith("/" + MANIFEST))
                            .sorted()
                            .toList();
                    if (found.size() != 1) {
                        throw error(
                                file.toString(),
                                found.isEmpty()
                                        ? "no " + MANIFEST + " in the archive"
                                        : "several packs in the archive, name one: " + found);
                    }
                    base = found.get(0).substring(0, found.get(0).length() - MANIFEST.length());
                }
                return new Archive(file, zip, base);
            } catch (RuntimeException e) {
                closeQuietly(zip);
                throw e;
            }
        }

        @Override
        String describe() {
            return file.toString();
        }

        @Override
        byte[] read(String path) throws IOException {
            ZipEntry e = zip.getEntry(base + path);
            if (e == null || e.isDirectory()) {
                return null;
            }
            try (InputStream in = zip.getInputStream(e)) {
                return in.readAllBytes();
            }
        }

        @Override
        List<String> discover() {
            return zip.stream()
                    .filter(e -> !e.isDirectory() && e.getName().startsWith(base))
                    .map(e -> e.getName().substring(base.length()))
                    .filter(p -> RuleFile.Kind.of(p) != null)
                    .sorted()
                    .toList();
        }

        @Override
        public void close() {
            closeQuietly(zip);
        }

        private static void closeQuietly(ZipFile zip) {
            try {
                zip.close();
            } catch (IOException ignored) {
                // read-only: nothing is lost
            }
        }
    }

    /** A classpath folder; it cannot be listed, so its manifest must name its files. */
    static final class Classpath extends PackSource {
        private final String base;
        private final ClassLoader loader;

        Classpath(String location, ClassLoader loader) {
            this.base = location.endsWith("/") ? location : location + "/";
            this.loader = loader;
        }

        @Override
        String describe() {
            return base;
        }

        @Override
        byte[] read(String path) throws IOException {
            try (InputStream in = loader.getResourceAsStream(base + path)) {
                return in == null ? null : in.readAllBytes();
            }
        }

        @Override
        List<String> discover() {
            return null;
        }
    }
}
