package dev.clearance.cli;

import dev.clearance.pack.RulePack;
import dev.clearance.rules.DefaultRulePack;
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
        System.exit(run(args, new PrintWriter(System.out, false), new PrintWriter(System.err, true)));
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
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
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
            RulePack pack = DefaultRulePack.v1();
            return new String[] {
                "clearance " + (v == null ? "dev (not built as a jar)" : v),
                "default pack " + pack.id() + "@" + pack.version()
            };
        }
    }
}
