package dev.clearance.cli;

import dev.clearance.RedactionResult;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "redact",
        mixinStandardHelpOptions = true,
        description = "Replaces every secret, personal-data and custom finding: text in (--text or stdin), "
                + "redacted text out.")
final class RedactCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    PackOptions packOptions;

    @Option(names = "--text", description = "Text to redact (default: all of stdin).")
    String text;

    @Override
    public Integer call() {
        RedactionResult r =
                packOptions.engine().redact(packOptions.withinLimit(text != null ? text : Io.readText("-")));
        spec.commandLine().getOut().print(r.content());
        if (text != null) {
            spec.commandLine().getOut().println();
        }
        spec.commandLine().getErr().println("clearance: " + r.redactions().size() + " redactions");
        return ExitCodes.OK;
    }
}
