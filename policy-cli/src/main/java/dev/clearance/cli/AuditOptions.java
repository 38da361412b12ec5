package dev.clearance.cli;

import dev.clearance.PolicyEngine;
import dev.clearance.decisionlog.DecisionLog;
import dev.clearance.decisionlog.DecisionLogFile;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --audit-log} and {@code --audit-key-file}, on the commands that decide. Records always go to the SLF4J
 * logger {@code clearance.audit} too (off in the CLI's own logging configuration unless enabled).
 */
final class AuditOptions implements AutoCloseable {
    @Option(
            names = "--audit-log",
            paramLabel = "FILE",
            description = "Append one JSON line per decision to FILE: decision id, time, effect, rule ids, pack, "
                    + "destination, classification, finding counts, content length and keyed hash; never content.")
    Path auditLog;

    @Option(
            names = "--audit-key-file",
            paramLabel = "FILE",
            description = "HMAC-SHA256 key for the audit log's content hash: the file's bytes, at least 16 "
                    + "(e.g. head -c 32 /dev/urandom > audit.key). Default: a random key per process, so hashes "
                    + "only match within one run.")
    Path auditKeyFile;

    private DecisionLogFile open;

    /** Applies the audit options to {@code builder}; the file stays open until {@link #close()}. */
    PolicyEngine.Builder apply(PolicyEngine.Builder builder) {
        return apply(builder, null);
    }

    /**
     * As {@link #apply(PolicyEngine.Builder)}, and every decision also goes to {@code also} (the server's meters);
     * null for none.
     */
    PolicyEngine.Builder apply(PolicyEngine.Builder builder, dev.clearance.spi.DecisionLogSink also) {
        if (auditKeyFile != null) {
            byte[] key = Keys.bytes(auditKeyFile, "audit key");
            if (key.length < 16) {
                throw new IllegalArgumentException("the audit key file " + auditKeyFile + " holds " + key.length
                        + " bytes; at least 16 are needed");
            }
            builder.decisionLogKey(key);
        }
        if (auditLog != null && open == null) {
            open = DecisionLog.appendTo(auditLog);
        }
        if (open != null) {
            builder.decisionLog(
                    also == null
                            ? DecisionLog.tee(open, DecisionLog.slf4j())
                            : DecisionLog.tee(open, DecisionLog.slf4j(), also));
        } else if (also != null) {
            builder.decisionLog(DecisionLog.tee(DecisionLog.slf4j(), also));
        }
        return builder;
    }

    @Override
    public void close() {
        if (open != null) {
            open.close();
        }
    }
}
