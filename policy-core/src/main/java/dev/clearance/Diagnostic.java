package dev.clearance;

import java.util.Objects;

/**
 * A message about a rule pack or an evaluation, with a location when there is one.
 *
 * @param severity how serious
 * @param resource the file it is about (e.g. {@code rules/classification.drl}); {@code ""} when none
 * @param line     1-based line, or 0 when unknown
 * @param column   1-based column, or 0 when unknown
 * @param ruleId   the rule it is about; nullable
 * @param message  what happened; never contains request content
 * @param detail   the rule engine's own message when {@code message} is a translation of it (for
 *                 {@code --verbose}); null otherwise
 */
public record Diagnostic(
        Severity severity, String resource, int line, int column, String ruleId, String message, String detail) {

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        resource = resource == null ? "" : resource;
        line = Math.max(0, line);
        column = Math.max(0, column);
    }

    /** A diagnostic without an engine detail. */
    public Diagnostic(Severity severity, String resource, int line, int column, String ruleId, String message) {
        this(severity, resource, line, column, ruleId, message, null);
    }

    /** This diagnostic about another resource (e.g. the path as the user named it). */
    public Diagnostic withResource(String newResource) {
        return new Diagnostic(severity, newResource, line, column, ruleId, message, detail);
    }

    /** A diagnostic without a location. */
    public static Diagnostic of(Severity severity, String message) {
        return new Diagnostic(severity, "", 0, 0, null, message);
    }

    /** {@code file:line:col: severity: message}, the format compilers and editors understand. */
    public String format() {
        String where = resource.isEmpty() ? "<pack>" : resource;
        return where + ":" + line + ":" + column + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + ": "
                + message;
    }
}
