package dev.clearance.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code clearance} command. Exit codes: 0 success, 1 a check or test failed, 2 usage error, 3 invalid input. */
@Command(
        name = "clearance",
        mixinStandardHelpOptions = true,
        versionProvider = ClearanceCli.Version.class,
        description = "Decides whether data may be sent to an AI tool: ALLOW, DENY or REDACT, from Drools rules.",
        subcommands = {
            DemoCommand.class,
            EvaluateCommand.class,
            ScanCommand.class,
            RedactCommand.class,
            CheckCommand.class,
            TestCommand.class,
            DiffCommand.class,
            ServeCommand.class,
            SignCommand.class,
            VerifyCommand.class,
            KeygenCommand.class,
            AuditCommand.class,
            AuditGenCommand.class,
            CommandLine.HelpCommand.class
        })
public final class ClearanceCli implements Runnable {
    public static final int OK = ExitCodes.OK;
    public static final int FAILED = ExitCodes.FAILED;
    public static final int USAGE = ExitCodes.USAGE;
    public static final int INVALID_INPUT = ExitCodes.INVALID_INPUT;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        ExitGuard guard = ExitGuard.install(args);
        int code = run(args, new PrintWriter(System.out, false), new PrintWriter(System.err, true));
        guard.finished();
        System.exit(code);
    }

    /** Runs the command line; never throws, returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new ClearanceCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("clearance: " + ExitCodes.describe(ex));
            commandLine.getErr().flush();
            return ex instanceof UncheckedIOException ? FAILED : INVALID_INPUT;
        });
        int code;
        try {
            code = cli.execute(args);
        } catch (VirtualMachineError | LinkageError e) {
            // a rule that recursed or allocated without bound (only unrestricted rule code can): one line, and
            // never exit 0 for work that did not finish
            out.flush();
            err.println("clearance: " + commandOf(args) + " did not finish: "
                    + e.getClass().getSimpleName()
                    + (e instanceof OutOfMemoryError ? " (the JVM ran out of memory)" : ""));
            code = FAILED;
        }
        out.flush();
        err.flush();
        return code;
    }

    /** The subcommand named in {@code args}, for messages. */
    static String commandOf(String[] args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                return a;
            }
        }
        return "clearance";
    }

    /** One line about a failure, never a stack trace and never content. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ClearanceCli.class.getPackage().getImplementationVersion();
            return new String[] {"clearance " + (v == null ? "dev" : v)};
        }
    }
}
