package dev.clearance.cli;

import dev.clearance.Decision;
import dev.clearance.PolicyCase;
import dev.clearance.PolicyEngine;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Runs YAML/JSON case files against a pack (a directory holding pack.yaml; without one,",
                "the built-in default pack). The last line is 'N passed, N failed'; exit 1 when any failed."})
final class TestCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "[PACK] CASES", arity = "1..*", description = "Optional pack directory, then case files.")
    List<Path> args;

    @Override
    public Integer call() {
        PackOptions options = new PackOptions();
        List<Path> files = new ArrayList<>(args);
        if (Files.isDirectory(files.get(0)) && Files.isRegularFile(files.get(0).resolve("pack.yaml"))) {
            options.pack = files.remove(0);
        }
        if (files.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no case files given");
        }
        PolicyEngine engine = options.engine();
        PrintWriter out = spec.commandLine().getOut();
        int passed = 0;
        int failed = 0;
        for (Path file : files) {
            for (PolicyCase c : PolicyCase.load(file)) {
                Decision d = engine.evaluate(c.request());
                List<String> problems = c.check(d);
                if (problems.isEmpty()) {
                    passed++;
                } else {
                    failed++;
                    out.println("FAIL " + file + ": " + c.name());
                    problems.forEach(p -> out.println("     " + p));
                }
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? ClearanceCli.OK : ClearanceCli.FAILED;
    }
}
