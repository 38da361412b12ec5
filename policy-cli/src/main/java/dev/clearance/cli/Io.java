package dev.clearance.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Input helpers: files or {@code -} for standard input. */
final class Io {
    private Io() {
    }

    static byte[] readAll(String fileOrDash) {
        try {
            return "-".equals(fileOrDash) ? System.in.readAllBytes() : Files.readAllBytes(Path.of(fileOrDash));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + fileOrDash, e);
        }
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
}
