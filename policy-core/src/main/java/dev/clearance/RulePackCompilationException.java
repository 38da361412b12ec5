package dev.clearance;

import java.util.List;
import java.util.stream.Collectors;

/** A rule pack that does not compile or load. Carries every diagnostic, each with file, line and column. */
public final class RulePackCompilationException extends PolicyException {
    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> diagnostics;

    public RulePackCompilationException(String packId, List<Diagnostic> diagnostics) {
        super("rule pack '" + packId + "' failed to compile:\n"
                + diagnostics.stream().map(Diagnostic::format).collect(Collectors.joining("\n")));
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** Every problem found, errors first. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
