package dev.clearance.cli;

import dev.clearance.pack.PackBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clearance bundle}: one signed file for distribution (pack files, detached JWS, bundle.json). */
@Command(
        name = "bundle",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a pack directory as one signed bundle file: the pack's files, a detached JWS signature",
            "(.signatures.json, EdDSA with the Ed25519 key, key id, issued-at and expiry) and bundle.json",
            "(format, id, version, digests). Serve it with 'serve --pack-url' or load it like a .zip pack."
        })
final class BundleCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PACK", description = "Pack directory (with pack.yaml).")
    Path pack;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "Ed25519 private key (PKCS#8 PEM).")
    Path key;

    @Option(
            names = "--public-key",
            paramLabel = "FILE",
            description = "Its public key, for the key id (default: the NAME.pub.pem next to NAME.pem).")
    Path publicKey;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The bundle file to write.")
    Path out;

    @Option(
            names = "--valid-days",
            paramLabel = "N",
            description = "Days the signature is valid (default ${DEFAULT-VALUE}).")
    int validDays = 365;

    @Override
    public Integer call() {
        if (validDays < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--valid-days must be 1 or more");
        }
        if (!Files.isRegularFile(pack.resolve("pack.yaml"))) {
            throw new ExitCodes.InvalidInput("no pack directory at " + pack + " (no pack.yaml)");
        }
        PublicKey pub = Keys.publicKeyFor(key, publicKey);
        PackBundle.Signed signed;
        try {
            signed = PackBundle.write(pack, Keys.privateKey(key), pub, Duration.ofDays(validDays), out);
        } catch (IllegalArgumentException e) {
            throw new ExitCodes.InvalidInput(e.getMessage());
        }
        spec.commandLine()
                .getOut()
                .println("bundle " + out + ": " + signed.id() + "@" + signed.version() + ", "
                        + signed.digests().size() + " files, signed by key " + PackBundle.keyId(pub)
                        + ", valid until "
                        + Instant.now()
                                .plus(Duration.ofDays(validDays))
                                .toString()
                                .substring(0, 10));
        return ExitCodes.OK;
    }
}
