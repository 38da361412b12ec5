package dev.clearance.decisionlog;

import dev.clearance.PolicyJson;
import dev.clearance.spi.DecisionLogSink;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Built-in {@link DecisionLogSink}s. */
public final class DecisionLog {
    /** The SLF4J logger audit records go to: {@value}. */
    public static final String LOGGER = "clearance.audit";

    private static final DecisionLogSink NONE = new DecisionLogSink() {
        @Override
        public void record(DecisionLogRecord record) {}

        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public String toString() {
            return "DecisionLog.none()";
        }
    };

    private static final DecisionLogSink SLF4J = new DecisionLogSink() {
        private final Logger log = LoggerFactory.getLogger(LOGGER);

        @Override
        public void record(DecisionLogRecord record) {
            log.info(PolicyJson.write(record));
        }

        @Override
        public boolean enabled() {
            return log.isInfoEnabled();
        }

        @Override
        public String toString() {
            return "DecisionLog.slf4j()";
        }
    };

    private DecisionLog() {}

    /** Writes each record as one JSON line at INFO to the logger {@value #LOGGER}; free when that level is off. */
    public static DecisionLogSink slf4j() {
        return SLF4J;
    }

    /** Records nothing. */
    public static DecisionLogSink none() {
        return NONE;
    }

    /**
     * A sink appending one JSON line ({@link PolicyJson#write(DecisionLogRecord)}) per decision to {@code file},
     * created when missing (its parent directory is not), flushed after each line. Thread-safe; close it when done.
     *
     * @throws java.io.UncheckedIOException when the file cannot be opened
     */
    public static DecisionLogFile appendTo(Path file) {
        return DecisionLogFile.append(file);
    }

    /** A sink passing each record to every one of {@code sinks} that is enabled. */
    public static DecisionLogSink tee(DecisionLogSink... sinks) {
        List<DecisionLogSink> all = List.of(sinks);
        return new DecisionLogSink() {
            @Override
            public void record(DecisionLogRecord record) {
                for (DecisionLogSink s : all) {
                    if (s.enabled()) {
                        s.record(record);
                    }
                }
            }

            @Override
            public boolean enabled() {
                return all.stream().anyMatch(DecisionLogSink::enabled);
            }

            @Override
            public String toString() {
                return "tee" + all;
            }
        };
    }
}
