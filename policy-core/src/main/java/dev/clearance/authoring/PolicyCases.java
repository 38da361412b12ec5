package dev.clearance.authoring;

import dev.clearance.Diagnostic;
import dev.clearance.InvalidRequestException;
import dev.clearance.internal.json.CaseFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** Reads golden-case files: the format of {@code clearance test} and the {@code policy-test} kit. */
public final class PolicyCases {
    private PolicyCases() {}

    /**
     * Reads every case of a YAML ({@code .yaml}/{@code .yml}) or JSON case file.
     *
     * @throws InvalidRequestException when the file is malformed: its message holds every problem, one
     *     {@code file:line:col: error: …} a line ({@link #check(Path)} gives them as diagnostics)
     */
    public static List<PolicyCase> load(Path file) {
        return CaseFiles.load(Objects.requireNonNull(file, "file"));
    }

    /**
     * Every problem of a case file, each with the line and column of the YAML or JSON key or value it is about
     * (the diagnostic's resource is {@code file} as given, its {@code ruleId} the dotted field path such as
     * {@code cases[1].expect.effect}); empty when the file is valid. Messages never quote a request's values.
     *
     * @throws java.io.UncheckedIOException when the file cannot be read
     */
    public static List<Diagnostic> check(Path file) {
        return CaseFiles.read(Objects.requireNonNull(file, "file")).problems();
    }
}
