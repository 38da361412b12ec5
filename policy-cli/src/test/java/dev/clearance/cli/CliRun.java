package dev.clearance.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the {@code clearance} command in process, for the CLI tests: exit code, stdout and stderr. */
final class CliRun {
    private CliRun() {}

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ClearanceCli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }
}
