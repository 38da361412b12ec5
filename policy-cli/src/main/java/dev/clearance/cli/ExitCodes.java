package dev.clearance.cli;

import dev.clearance.InvalidRequestException;
import dev.clearance.LimitExceededException;
import dev.clearance.RulePackCompilationException;
import java.io.UncheckedIOException;

/** The CLI's exit codes (PRODUCT.md §4) and the one-line description of an error that exits with one. */
final class ExitCodes {
    /** Success, whatever the decision. */
    static final int OK = 0;
    /** A check or test failed. */
    static final int FAILED = 1;
    /** A usage error. */
    static final int USAGE = 2;
    /** Invalid input (request, pack, key or file). */
    static final int INVALID_INPUT = 3;

    private ExitCodes() {}

    /** Input the command cannot use (a missing key file, text over a limit): exit {@link #INVALID_INPUT}. */
    static final class InvalidInput extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidInput(String message) {
            super(message);
        }
    }

    /** One line for the user, never a stack trace. */
    static String describe(Throwable ex) {
        if (ex instanceof InvalidRequestException e && e.getMessage().contains("\n")) {
            return e.getMessage(); // a case file's problems: one file:line:col line each
        }
        if (ex instanceof InvalidRequestException e) {
            return "invalid request: " + e.getMessage()
                    + (e.field().isEmpty() || e.getMessage().contains("'" + e.field() + "'")
                            ? ""
                            : " (field '" + e.field() + "')");
        }
        if (ex instanceof RulePackCompilationException e) {
            return e.getMessage();
        }
        if (ex instanceof dev.clearance.catalog.UntrustedCatalogException e) {
            return e.getMessage();
        }
        if (ex instanceof InvalidInput e) {
            return e.getMessage();
        }
        if (ex instanceof LimitExceededException e) {
            return e.getMessage();
        }
        if (ex instanceof IllegalArgumentException e && e.getMessage() != null) {
            return e.getMessage();
        }
        if (ex instanceof UncheckedIOException e) {
            return e.getMessage()
                    + (e.getCause() != null ? ": " + e.getCause().getClass().getSimpleName() : "");
        }
        String msg = ex.getMessage();
        return ex.getClass().getSimpleName()
                + (msg == null ? "" : ": " + msg.lines().findFirst().orElse(""));
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
}
