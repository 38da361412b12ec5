package dev.clearance.cli;

import dev.clearance.pack.PackBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code clearance migrate}: reports a pack's format and signature form; with {@code --key}, moves a pack signed in
 * the legacy way (checksums and signature inside pack.yaml) to a detached JWS in {@code .signatures.json}.
 */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description = {
            "Checks a pack directory's format version and signature form and says what, if anything, to",
            "migrate. With --key, replaces a signature inside pack.yaml (checksums and signature lines) by a",
            "detached JWS in .signatures.json, in place. Exit 1 when a migration is due and --key is not given."
        })
final class MigrateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PACK", description = "Pack directory (with pack.yaml).")
    Path pack;

    @Option(names = "--key", paramLabel = "FILE", description = "Ed25519 private key to sign the migrated pack.")
    Path key;

    @Option(
            names = "--public-key",
            paramLabel = "FILE",
            description = "Its public key (default: the NAME.pub.pem next to NAME.pem).")
    Path publicKey;

    @Override
    public Integer call() {
        Path manifest = pack.resolve("pack.yaml");
        if (!Files.isRegularFile(manifest)) {
            throw new ExitCodes.InvalidInput("no pack directory at " + pack + " (no pack.yaml)");
        }
        String text;
        try {
            text = Files.readString(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifest, e);
        }
        boolean legacy = text.lines().anyMatch(l -> l.startsWith("signature:") || l.startsWith("checksums:"));
        boolean jws = Files.isRegularFile(pack.resolve(PackBundle.SIGNATURES_FILE));
        var out = spec.commandLine().getOut();
        out.println(pack + ": pack format " + PackBundle.PACK_FORMAT + " (current; the pack files need no change)");
        out.println("signature: " + (jws ? "detached JWS (" + PackBundle.SIGNATURES_FILE + ")" : "")
                + (jws && legacy ? " and " : "")
                + (legacy ? "legacy (checksums and signature in pack.yaml)" : "")
                + (!jws && !legacy ? "none" : ""));
        if (!legacy) {
            out.println("nothing to migrate");
            return ExitCodes.OK;
        }
        if (key == null) {
            out.println("to migrate: clearance migrate " + pack + " --key PRIVATE.pem");
            return ExitCodes.FAILED;
        }
        var pub = Keys.publicKeyFor(key, publicKey);
        var priv = Keys.privateKey(key);
        StringBuilder kept = new StringBuilder();
        boolean inChecksums = false;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("checksums:")) {
                inChecksums = true;
                continue;
            }
            if (inChecksums && (line.startsWith(" ") || line.startsWith("\t") || line.isEmpty())) {
                continue;
            }
            inChecksums = false;
            if (!line.startsWith("signature:")) {
                kept.append(line).append('\n');
            }
        }
        try {
            Files.writeString(manifest, kept.toString().replaceAll("\n+$", "\n"));
            PackBundle.signDetached(pack, priv, pub, PackBundle.DEFAULT_VALIDITY);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + manifest, e);
        } catch (RuntimeException e) {
            try {
                Files.writeString(manifest, text); // put the legacy signature back: nothing half-migrated
            } catch (IOException restore) {
                throw new UncheckedIOException("cannot restore " + manifest, restore);
            }
            throw e instanceof IllegalArgumentException ? new ExitCodes.InvalidInput(e.getMessage()) : e;
        }
        out.println("migrated: legacy signature removed from pack.yaml, " + PackBundle.SIGNATURES_FILE
                + " written (key " + PackBundle.keyId(pub) + ")");
        return ExitCodes.OK;
    }
}
