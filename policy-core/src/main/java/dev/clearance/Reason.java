package dev.clearance;

import java.util.Objects;

/**
 * Why a decision came out as it did: one rule that acted.
 *
 * @param ruleId      the DRL rule name, a stable id such as {@code secret.redact}
 * @param effect      what the rule asked for; {@code null} for a note that decides nothing
 * @param message     human-readable explanation, never containing request content
 * @param pack        id of the rule pack the rule belongs to
 * @param packVersion version of that pack
 */
public record Reason(String ruleId, Effect effect, String message, String pack, String packVersion) {

    public Reason {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(pack, "pack");
        Objects.requireNonNull(packVersion, "packVersion");
    }
}
