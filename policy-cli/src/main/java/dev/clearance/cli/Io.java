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

    /** What one line of a JSONL stream gives: the output line, an error line for stderr (or null), the exit code. */
    record LineResult(String out, String err, int code) {}

    /** Handles one non-blank input line of a JSONL stream on a worker thread; must not share mutable state. */
    interface ParallelLineHandler {
        LineResult handle(String line, int lineNo);
    }

    /** Threads a scan stream runs on: the cores, at most 8. */
    static int scanThreads() {
        return Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
    }

    /** Lines handed to the workers ahead of the one being written, per thread. */
    private static final int AHEAD_PER_THREAD = 32;

    /**
     * As {@link #jsonl}, with the lines handled on {@code threads} threads and written in input order. Whenever no
     * more input is buffered, every line read so far is written and {@code out} flushed, as {@link #jsonl} does.
     */
    static int jsonlParallel(PrintWriter out, PrintWriter err, int threads, ParallelLineHandler handler) {
        if (threads <= 1) {
            return jsonl(out, (line, lineNo) -> emit(out, err, handler.handle(line, lineNo)));
        }
        java.util.concurrent.atomic.AtomicInteger names = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "clearance-scan-" + names.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        java.util.ArrayDeque<java.util.concurrent.Future<LineResult>> pending = new java.util.ArrayDeque<>();
        int code = ExitCodes.OK;
        int lineNo = 0;
        try (BufferedReader in = stdinLines()) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (!line.isBlank()) {
                    String l = line;
                    int n = lineNo;
                    pending.add(pool.submit(() -> handler.handle(l, n)));
                }
                while (pending.size() >= threads * AHEAD_PER_THREAD) {
                    code = merge(code, emit(out, err, await(pending.poll())));
                }
                if (!in.ready()) {
                    while (!pending.isEmpty()) {
                        code = merge(code, emit(out, err, await(pending.poll())));
                    }
                    out.flush();
                }
            }
            while (!pending.isEmpty()) {
                code = merge(code, emit(out, err, await(pending.poll())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input", e);
        } finally {
            pool.shutdownNow();
        }
        out.flush();
        return code;
    }

    private static int merge(int code, int c) {
        return c != ExitCodes.OK ? c : code;
    }

    private static int emit(PrintWriter out, PrintWriter err, LineResult r) {
        if (r.err() != null) {
            err.println(r.err());
        }
        out.println(r.out());
        return r.code();
    }

    private static LineResult await(java.util.concurrent.Future<LineResult> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
