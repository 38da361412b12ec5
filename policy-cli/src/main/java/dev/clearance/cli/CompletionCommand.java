package dev.clearance.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Prints the shell completion script that picocli generates from the command definitions. */
@Command(
        name = "completion",
        mixinStandardHelpOptions = true,
        description = {
            "Prints a bash or zsh completion script for clearance.",
            "Install it with: source <(clearance completion)  (or write it to your shell's completion directory)."
        })
final class CompletionCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        spec.commandLine().getOut().print(AutoComplete.bash("clearance", root));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
