package dev.clearance.cli;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/** {@code --format} of check, test and diff (each takes all four), bench and explain; read case-insensitively. */
enum OutputFormat {
    TEXT,
    JSON,
    JUNIT,
    SARIF;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code text}, {@code JSON}, ...; anything else is a usage error naming the choices. */
    static final class Converter implements CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            for (OutputFormat f : values()) {
                if (f.name().equalsIgnoreCase(value)) {
                    return f;
                }
            }
            throw new CommandLine.TypeConversionException("expected one of text, json, junit, sarif");
        }
    }

    /** The choices, for --help and shell completion. */
    static final class Candidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("text", "json", "junit", "sarif").iterator();
        }
    }

    /** A usage error unless this format is one of {@code allowed}. */
    OutputFormat require(CommandLine cmd, OutputFormat... allowed) {
        for (OutputFormat a : allowed) {
            if (a == this) {
                return this;
            }
        }
        throw new CommandLine.ParameterException(
                cmd,
                "--format " + this + " is not available for " + cmd.getCommandName() + ": use one of "
                        + String.join(
                                ", ",
                                java.util.Arrays.stream(allowed)
                                        .map(OutputFormat::toString)
                                        .toList()));
    }
}
