package dev.clearance.cli;

import dev.clearance.pack.PackTrust;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "sign",
        mixinStandardHelpOptions = true,
        description = "Signs a pack directory in place: SHA-256 of every file into pack.yaml 'checksums', "
                + "and an Ed25519 'signature' over them, the id and the version.")
final class SignCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PACK", description = "Pack directory (with pack.yaml).")
    Path pack;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "Ed25519 private key (PKCS#8 PEM).")
    Path key;

    @Override
    public Integer call() {
        PackTrust.sign(pack, Keys.privateKey(key));
        spec.commandLine().getOut().println(pack + ": signed");
        return ExitCodes.OK;
    }
}
