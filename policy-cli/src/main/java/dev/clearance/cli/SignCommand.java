package dev.clearance.cli;

import dev.clearance.pack.PackTrust;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "sign",
        mixinStandardHelpOptions = true,
        description = {
            "Signs a pack directory in place: SHA-256 of every file into pack.yaml 'checksums', "
                    + "and an Ed25519 'signature' over them, the id and the version.",
            "With --catalog FILE instead: writes FILE.sig, the signature an organization catalog needs to override "
                    + "the catalog of a pack signed by a trusted key."
        })
final class SignCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PACK", arity = "0..1", description = "Pack directory (with pack.yaml).")
    Path pack;

    @Option(
            names = "--catalog",
            paramLabel = "FILE",
            description = "Sign this catalog file (writes FILE.sig) instead of a pack.")
    Path catalog;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "Ed25519 private key (PKCS#8 PEM).")
    Path key;

    @Override
    public Integer call() {
        if ((pack == null) == (catalog == null)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "sign needs a PACK or --catalog FILE, not both");
        }
        if (catalog != null) {
            if (!Files.isRegularFile(catalog)) {
                throw new ExitCodes.InvalidInput("cannot read catalog file " + catalog + ": "
                        + (Files.exists(catalog) ? "not a readable file" : "no such file"));
            }
            Path sig = PackTrust.signCatalog(catalog, Keys.privateKey(key));
            spec.commandLine().getOut().println(catalog + ": signed (" + sig + ")");
            return ExitCodes.OK;
        }
        PackTrust.sign(pack, Keys.privateKey(key));
        spec.commandLine().getOut().println(pack + ": signed");
        return ExitCodes.OK;
    }
}
