package dev.clearance.cli;

import dev.clearance.audit.LogGenerator;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "audit-gen",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a realistic synthetic JSONL log (seeded: the same seed gives the same bytes) for",
            "trying `clearance audit` and for benchmarks. Credentials and personal data in it are fake."
        })
final class AuditGenCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--records",
            paramLabel = "N",
            defaultValue = "10000",
            description = "Lines (default: ${DEFAULT-VALUE}).")
    long records;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "1",
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--users",
            paramLabel = "N",
            defaultValue = "500",
            description = "Distinct users (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--no-content", description = "Leave out the content (classification-only logs).")
    boolean noContent;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Output file (default: stdout).")
    Path output;

    @Override
    public Integer call() {
        if (records < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--records must not be negative");
        }
        LogGenerator g = LogGenerator.seeded(seed).withUsers(users);
        if (noContent) {
            g = g.withoutContent();
        }
        try (OutputStream out = output == null
                ? new NonClosing(System.out)
                : new BufferedOutputStream(new FileOutputStream(output.toFile()), 1 << 16)) {
            g.write(records, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + (output == null ? "stdout" : output), e);
        }
        return ExitCodes.OK;
    }

    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(new BufferedOutputStream(out, 1 << 16));
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
