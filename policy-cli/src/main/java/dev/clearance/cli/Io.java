package dev.clearance.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Input helpers: files or {@code -} for standard input. */
final class Io {
    private Io() {}

    /**
     * The bytes of a file, or of standard input for {@code -}. A file that cannot be read is invalid input (exit
     * 3); standard input that fails is an I/O failure (exit 1).
     */
    static byte[] readAll(String fileOrDash) {
        if ("-".equals(fileOrDash)) {
            try {
                return System.in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read standard input", e);
            }
        }
        try {
            return Files.readAllBytes(Path.of(fileOrDash));
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new ExitCodes.InvalidInput("cannot read " + fileOrDash + ": " + why(e));
        }
    }

    /** Why a file could not be read, in words (never the file's content). */
    static String why(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.InvalidPathException) {
            return "not a valid path";
        }
        if (e instanceof IOException && e.getMessage() != null && e.getMessage().contains("directory")) {
            return "is a directory";
        }
        return e.getClass().getSimpleName();
    }

    static String readText(String fileOrDash) {
        return new String(readAll(fileOrDash), StandardCharsets.UTF_8);
    }

    static BufferedReader stdinLines() {
        return new BufferedReader(new InputStreamReader(stdin(), StandardCharsets.UTF_8), 1 << 16);
    }

    static InputStream stdin() {
        return System.in;
    }

    /** Handles one non-blank input line of a JSONL stream; returns its exit code (0 when fine). */
    interface LineHandler {
        int handle(String line, int lineNo);
    }

    /**
     * Streams standard input line by line through {@code handler}, flushing {@code out} whenever no more input
     * is buffered (so interactive callers see each answer at once, batch callers pay no flush per line).
     *
     * @return the last non-zero exit code a line gave, or 0
     */
    static int jsonl(PrintWriter out, LineHandler handler) {
        int code = ExitCodes.OK;
        int lineNo = 0;
        try (BufferedReader in = stdinLines()) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (!line.isBlank()) {
                    int c = handler.handle(line, lineNo);
                    code = c != ExitCodes.OK ? c : code;
                }
                if (!in.ready()) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input", e);
        }
        out.flush();
        return code;
    }
}
