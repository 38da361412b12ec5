package dev.clearance;

import dev.clearance.spi.AuditSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Built-in {@link AuditSink}s. */
public final class Audit {
    /** The SLF4J logger audit records go to: {@value}. */
    public static final String LOGGER = "clearance.audit";

    private static final AuditSink NONE = new AuditSink() {
        @Override
        public void record(AuditRecord record) {
        }

        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public String toString() {
            return "Audit.none()";
        }
    };

    private static final AuditSink SLF4J = new AuditSink() {
        private final Logger log = LoggerFactory.getLogger(LOGGER);

        @Override
        public void record(AuditRecord record) {
            log.info(record.toJson());
        }

        @Override
        public boolean enabled() {
            return log.isInfoEnabled();
        }

        @Override
        public String toString() {
            return "Audit.slf4j()";
        }
    };

    private Audit() {
    }

    /** Writes each record as one JSON line at INFO to the logger {@value #LOGGER}; free when that level is off. */
    public static AuditSink slf4j() {
        return SLF4J;
    }

    /** Records nothing. */
    public static AuditSink none() {
        return NONE;
    }
}
