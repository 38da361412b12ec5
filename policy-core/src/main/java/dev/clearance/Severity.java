package dev.clearance;

/** How serious a {@link Diagnostic} is. */
public enum Severity {
    INFO,
    WARNING,
    ERROR
}
