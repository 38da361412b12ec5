package dev.clearance.cli;

import dev.clearance.Diagnostic;
import dev.clearance.EvaluationLimits;
import dev.clearance.PolicyEngine;
import dev.clearance.pack.PackTrust;
import dev.clearance.rules.PolicySetup;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * How the commands name a pack: {@code default} (or nothing) for the built-in pack, a directory holding
 * {@code pack.yaml}, or a {@code .jar}/{@code .zip} holding one.
 */
final class Packs {
    static final String DEFAULT = "default";

    private Packs() {}

    static boolean isDefault(String spec) {
        return spec == null || DEFAULT.equals(spec);
    }

    /** Whether {@code arg} names a pack (rather than, say, a case file). */
    static boolean looksLikePack(String arg) {
        if (DEFAULT.equals(arg)) {
            return true;
        }
        Path p = Path.of(arg);
        String name = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return Files.isDirectory(p) && Files.isRegularFile(p.resolve("pack.yaml"))
                || Files.isRegularFile(p) && (name.endsWith(".jar") || name.endsWith(".zip"));
    }

    /** The pack named on a command line ({@code default} or a path), under {@code trust}. */
    static PolicySetup setup(String spec, PackTrust trust) {
        if (isDefault(spec)) {
            return PolicySetup.builtIn();
        }
        Path path = Path.of(spec);
        if (!Files.exists(path)) {
            // invalid input (exit 3), not a failed check: there is nothing to check
            throw new ExitCodes.InvalidInput(
                    "no such pack: " + spec + " (a directory with pack.yaml, a .jar/.zip, or" + " 'default')");
        }
        return PolicySetup.load(path, trust);
    }

    static PolicyEngine engine(PolicySetup setup) {
        return setup.engineBuilder().limits(EvaluationLimits.defaults()).build();
    }

    static Diagnostic located(String spec, Diagnostic d) {
        if (isDefault(spec)) {
            return d.resource().isEmpty() ? withResource(d, "<default pack>") : d;
        }
        Path pack = Path.of(spec);
        String resource = d.resource().isEmpty() ? "pack.yaml" : d.resource();
        if (Path.of(resource).isAbsolute()) {
            return d;
        }
        if (Files.isDirectory(pack)) {
            Path p = pack.resolve(resource);
            return Files.exists(p) || d.resource().isEmpty() || resource.equals("pack.yaml")
                    ? withResource(d, p.toString())
                    : d;
        }
        return withResource(d, pack + "!/" + resource);
    }

    private static Diagnostic withResource(Diagnostic d, String resource) {
        return d.withResource(resource);
    }

    /**
     * The {@code --pack-url} of {@code serve} and {@code gateway}: a URL as given, or a file path made a
     * {@code file:} URL; another scheme is a usage error.
     */
    static java.net.URI bundleUri(CommandLine commandLine, String url) {
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("https://") || lower.startsWith("http://") || lower.startsWith("file:")) {
            try {
                return java.net.URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(commandLine, "--pack-url is not a valid URL");
            }
        }
        if (url.contains("://")) {
            throw new CommandLine.ParameterException(
                    commandLine, "--pack-url must be an https:, http: or file: URL or a file path");
        }
        return java.nio.file.Path.of(url).toAbsolutePath().normalize().toUri();
    }
}
