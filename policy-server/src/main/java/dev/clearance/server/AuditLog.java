package dev.clearance.server;

import dev.clearance.AuditRecord;
import dev.clearance.spi.AuditSink;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AuditSink} appending one JSON line ({@link AuditRecord#toJson()}) per decision to a file, flushed after
 * each line so that a crash loses at most the line being written. Thread-safe; close it when done.
 */
public final class AuditLog implements AuditSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private final Path file;
    private final BufferedWriter out;
    private boolean closed;
    private boolean failed;

    private AuditLog(Path file, BufferedWriter out) {
        this.file = file;
        this.out = out;
    }

    /**
     * Opens {@code file} for appending, creating it (and no parent directory) when missing.
     *
     * @throws UncheckedIOException when the file cannot be opened
     */
    public static AuditLog append(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            return new AuditLog(file, Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open audit log " + file, e);
        }
    }

    /** A sink passing each record to every one of {@code sinks} that is enabled. */
    public static AuditSink tee(AuditSink... sinks) {
        List<AuditSink> all = List.of(sinks);
        return new AuditSink() {
            @Override
            public void record(AuditRecord record) {
                for (AuditSink s : all) {
                    if (s.enabled()) {
                        s.record(record);
                    }
                }
            }

            @Override
            public boolean enabled() {
                return all.stream().anyMatch(AuditSink::enabled);
            }

            @Override
            public String toString() {
                return "tee" + all;
            }
        };
    }

    @Override
    public void record(AuditRecord record) {
        String line = record.toJson();
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
                    LOG.error("cannot write audit log {}: {}", file, e.getClass().getSimpleName());
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
            throw new UncheckedIOException("cannot close audit log " + file, e);
        }
    }

    @Override
    public String toString() {
        return "AuditLog[" + file + "]";
    }
}
