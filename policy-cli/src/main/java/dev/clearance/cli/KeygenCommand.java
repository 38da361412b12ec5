package dev.clearance.cli;

import dev.clearance.pack.PackTrust;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "keygen",
        mixinStandardHelpOptions = true,
        description = "Writes a new Ed25519 key pair for signing packs: NAME.pem (private, mode 600) and NAME.pub.pem.")
final class KeygenCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "PREFIX", description = "Path prefix, e.g. keys/policy.")
    Path out;

    @Override
    public Integer call() {
        KeyPair pair = PackTrust.generateKeyPair();
        Path priv = Path.of(out + ".pem");
        Path pub = Path.of(out + ".pub.pem");
        try {
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            if (Files.exists(priv)) {
                throw new CommandLine.ParameterException(spec.commandLine(), priv + " exists; not overwriting");
            }
            Files.writeString(priv, PackTrust.toPem(pair.getPrivate()));
            try {
                Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.writeString(pub, PackTrust.toPem(pair.getPublic()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write keys", e);
        }
        spec.commandLine().getOut().println("private key: " + priv + "\npublic key:  " + pub);
        return ExitCodes.OK;
    }
}
