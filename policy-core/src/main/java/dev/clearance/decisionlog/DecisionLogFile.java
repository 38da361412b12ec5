package dev.clearance.decisionlog;

import dev.clearance.PolicyJson;
import dev.clearance.spi.DecisionLogSink;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link DecisionLogSink} appending one JSON line ({@link PolicyJson#write(DecisionLogRecord)}) per decision to a file, flushed after
 * each line so that a crash loses at most the line being written. Thread-safe; close it when done.
 */
public final class DecisionLogFile implements DecisionLogSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionLogFile.class);

    private final Path file;
    private final BufferedWriter out;
    private boolean closed;
    private boolean failed;

    private DecisionLogFile(Path file, BufferedWriter out) {
        this.file = file;
        this.out = out;
    }

    /**
     * Opens {@code file} for appending, creating it (and no parent directory) when missing.
     *
     * @throws UncheckedIOException when the file cannot be opened
     */
    static DecisionLogFile append(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            return new DecisionLogFile(
                    file,
                    Files.newBufferedWriter(
                            file,
                            StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND,
                            StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open decision log " + file, e);
        }
    }

    @Override
    public void record(DecisionLogRecord record) {
        String line = PolicyJson.write(record);
        synchronized (this) {
            if (closed) {
                return;
            }
            try {
                out.write(line);
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                if (!failed) {
                    failed = true;
                    LOG.error(
                            "cannot write decision log {}: {}",
                            file,
                            e.getClass().getSimpleName());
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close decision log " + file, e);
        }
    }

    @Override
    public String toString() {
        return "DecisionLogFile[" + file + "]";
    }
}
