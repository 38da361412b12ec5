package dev.clearance;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link ReloadingPolicyEngine} reload did.
 *
 * @param succeeded   whether the new pack now serves
 * @param packId      id of the pack serving after the reload
 * @param packVersion version of the pack serving after the reload (the previous one when the reload failed)
 * @param attempted   {@code id@version} of the pack that was tried; {@code ""} when it could not even be read
 * @param diagnostics why a reload failed (compilation errors, analysis warnings when they are rejected)
 * @param at          when the reload finished
 */
public record ReloadEvent(
        boolean succeeded,
        String packId,
        String packVersion,
        String attempted,
        List<Diagnostic> diagnostics,
        Instant at) {

    public ReloadEvent {
        Objects.requireNonNull(packId, "packId");
        Objects.requireNonNull(packVersion, "packVersion");
        attempted = attempted == null ? "" : attempted;
        diagnostics = List.copyOf(diagnostics);
        Objects.requireNonNull(at, "at");
    }
}
