package dev.clearance.cli;

import dev.clearance.Diagnostic;
import dev.clearance.RulePackCompilationException;
import dev.clearance.pack.RulePack;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = "Verifies a pack's checksums and its signature by one of the trusted keys. Exit 1 when not.")
final class VerifyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PACK", description = "Pack directory (with pack.yaml).")
    Path pack;

    @Option(
            names = "--trusted-key",
            required = true,
            paramLabel = "FILE",
            description = "Ed25519 public key (PEM); repeatable.")
    List<Path> keys;

    @Override
    public Integer call() {
        try {
            RulePack p = RulePack.load(pack, Keys.trust(keys));
            spec.commandLine()
                    .getOut()
                    .println(pack + ": ok: " + p.id() + "@" + p.version() + " signed by a trusted key");
            return ExitCodes.OK;
        } catch (RulePackCompilationException e) {
            for (Diagnostic d : e.diagnostics()) {
                spec.commandLine()
                        .getOut()
                        .println(pack.resolve(d.resource()) + ":" + d.line() + ":" + d.column() + ": "
                                + d.severity().name().toLowerCase(java.util.Locale.ROOT) + ": " + d.message());
            }
            return ExitCodes.FAILED;
        }
    }
}
