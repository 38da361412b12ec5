package dev.clearance.authoring;

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
     * @throws InvalidRequestException naming the case and field when the file is malformed
     */
    public static List<PolicyCase> load(Path file) {
        return CaseFiles.load(Objects.requireNonNull(file, "file"));
    }
}
