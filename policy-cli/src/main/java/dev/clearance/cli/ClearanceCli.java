package dev.clearance.cli;

import dev.clearance.pack.RulePack;
import dev.clearance.rules.DefaultRulePack;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
            ExplainCommand.class,
            ScanCommand.class,
            RedactCommand.class,
            InitCommand.class,
            CheckCommand.class,
            TestCommand.class,
            DiffCommand.class,
            BenchCommand.class,
            ServeCommand.class,
            GatewayCommand.class,
            SignCommand.class,
            VerifyCommand.class,
            BundleCommand.class,
            MigrateCommand.class,
            KeygenCommand.class,
            AuditCommand.class,
            AuditGenCommand.class,
            CompletionCommand.class,
            picocli.codegen.docgen.manpage.ManPageGenerator.class,
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

    /**
     * The one-sentence summary of each command, shown in {@code clearance --help}'s command list and at the top of
     * the command's own help. A command without one here gets the first sentence of its description.
     */
    static final Map<String, String> SUMMARIES = Map.ofEntries(
            Map.entry("init", "Writes a new rule pack that check and test pass at once."),
            Map.entry("demo", "Runs built-in realistic prompts through the pack and prints a table of decisions."),
            Map.entry("evaluate", "Decides one request, or a stream of them, and prints the decision JSON."),
            Map.entry("explain", "Shows why a request was decided so and what single change would allow it."),
            Map.entry("scan", "Finds secrets, personal data and custom terms in text."),
            Map.entry("redact", "Replaces every secret, personal-data and custom finding in text."),
            Map.entry("check", "Compiles a rule pack and analyses it over every situation of the domain."),
            Map.entry("test", "Runs case files against a rule pack and reports what passed."),
            Map.entry("diff", "Shows every situation whose decision differs between two rule packs."),
            Map.entry("bench", "Measures decisions per second and p50/p99 latency of a pack on its cases."),
            Map.entry("serve", "Serves decisions over HTTP until stopped."),
            Map.entry("gateway", "Enforces the policy in front of OpenAI- and Anthropic-compatible traffic."),
            Map.entry("sign", "Signs a pack directory in place with an Ed25519 key."),
            Map.entry("verify", "Verifies a pack's checksums and its signature by a trusted key."),
            Map.entry("bundle", "Writes a pack as one signed bundle file for distribution."),
            Map.entry("migrate", "Reports a pack's format and signature form and migrates a legacy signature."),
            Map.entry("keygen", "Writes a new Ed25519 key pair for signing packs."),
            Map.entry("audit", "Finds AI usage in proxy, gateway or chat-export logs and decides every request."),
            Map.entry("audit-gen", "Writes a realistic synthetic JSONL log for trying the audit."),
            Map.entry("completion", "Prints a bash or zsh completion script for clearance."),
            Map.entry("gen-manpage", "Writes a man page in AsciiDoc for every command (--outdir DIR)."),
            Map.entry("help", "Shows the help of a command."));

    /** A new command line with the CLI's conventions: summaries, case-insensitive enum values. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ClearanceCli());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        summarize(cli);
        return cli;
    }

    private static void summarize(CommandLine cli) {
        for (Map.Entry<String, CommandLine> sub : cli.getSubcommands().entrySet()) {
            var usage = sub.getValue().getCommandSpec().usageMessage();
            String summary = SUMMARIES.get(sub.getKey());
            if (summary == null) {
                summary = firstSentence(String.join(" ", usage.description()));
            }
            if (!summary.isEmpty()) {
                usage.header(summary);
            }
            summarize(sub.getValue());
        }
    }

    /** Up to the first full stop followed by a space or the end; the whole text when there is none. */
    static String firstSentence(String text) {
        String t = text.strip().replaceAll("\\s+", " ");
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) == '.' && (i + 1 == t.length() || t.charAt(i + 1) == ' ')) {
                return t.substring(0, i + 1);
            }
        }
        return t;
    }

    /** Runs the command line; never throws, returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler(ClearanceCli::usageError);
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
            err.println("clearance: " + ExitCodes.commandOf(args) + " did not finish: "
                    + e.getClass().getSimpleName()
                    + (e instanceof OutOfMemoryError ? " (the JVM ran out of memory)" : ""));
            code = FAILED;
        }
        out.flush();
        err.flush();
        return code;
    }

    /**
     * A usage error in one line plus a pointer to {@code --help}. An argument the user typed may be content (a
     * token pasted after a misspelt option), so it is never repeated: the message names the command's own option
     * (from its definition), or the argument's position.
     */
    static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("clearance: " + usageMessage(ex, args));
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return USAGE;
    }

    static String usageMessage(CommandLine.ParameterException ex, String[] args) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u
                && !u.getUnmatched().isEmpty()) {
            String first = u.getUnmatched().get(0);
            int position = position(args, first);
            String kind = first.startsWith("-") && first.length() > 1 ? "unknown option" : "unexpected argument";
            List<String> suggestions = u.getSuggestions();
            return kind + " (argument " + position + " of the command line)"
                    + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(" or ", suggestions) + "?");
        }
        if (ex instanceof CommandLine.MissingParameterException m
                && !m.getMissing().isEmpty()) {
            return "missing " + m.getMissing().stream().map(ClearanceCli::name).collect(Collectors.joining(", "));
        }
        if (ex instanceof CommandLine.OverwrittenOptionException o && o.getOverwritten() != null) {
            return "option " + name(o.getOverwritten()) + " given more than once";
        }
        CommandLine.Model.ArgSpec arg = ex.getArgSpec();
        if (arg == null && ex.getClass() == CommandLine.ParameterException.class && ex.getMessage() != null) {
            return ex.getMessage(); // a command's own check, worded by this code
        }
        if (arg != null) {
            String expected = expected(arg);
            return "invalid value for " + name(arg) + (expected.isEmpty() ? "" : ": expected " + expected);
        }
        return "invalid command line";
    }

    private static String expected(CommandLine.Model.ArgSpec arg) {
        Class<?> type = arg.type();
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        return "";
    }

    private static String name(CommandLine.Model.ArgSpec arg) {
        if (arg instanceof CommandLine.Model.OptionSpec o) {
            return o.longestName();
        }
        return arg.paramLabel();
    }

    /** 1-based position of the first argument equal to {@code arg}, 0 when not found. */
    private static int position(String[] args, String arg) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(arg)) {
                return i + 1;
            }
        }
        return 0;
    }

    /** One line about a failure, never a stack trace and never content. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        /**
         * The jar manifest's Implementation-Version, else the project version the build wrote into
         * {@code version.properties} (classes run from target/classes); null when neither is there.
         */
        static String buildVersion() {
            String v = ClearanceCli.class.getPackage().getImplementationVersion();
            if (v != null && !v.isBlank()) {
                return v;
            }
            try (java.io.InputStream in = ClearanceCli.class.getResourceAsStream("version.properties")) {
                if (in == null) {
                    return null;
                }
                java.util.Properties p = new java.util.Properties();
                p.load(in);
                String built = p.getProperty("version", "").strip();
                return built.isEmpty() || built.startsWith("${") ? null : built;
            } catch (java.io.IOException e) {
                return null;
            }
        }

        @Override
        public String[] getVersion() {
            String v = buildVersion();
            RulePack pack = DefaultRulePack.v1();
            return new String[] {
                "clearance " + (v == null ? "dev (no build version)" : v),
                "default pack " + pack.id() + "@" + pack.version()
            };
        }
    }
}
