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
 * @param remediation for a DENY, what the sender can do about it (the destination's opt-out, the catalog products
 *                    that would take the request), found by the engine from the catalog; null when there is
 *                    nothing to suggest or the reason is not a DENY. Never contains request content.
 */
public record Reason(
        String ruleId, Effect effect, String message, String pack, String packVersion, Remediation remediation) {

    public Reason {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(pack, "pack");
        Objects.requireNonNull(packVersion, "packVersion");
    }

    /** A reason without a remediation. */
    public Reason(String ruleId, Effect effect, String message, String pack, String packVersion) {
        this(ruleId, effect, message, pack, packVersion, null);
    }

    /** This reason with {@code remediation} (null for none). */
    public Reason withRemediation(Remediation remediation) {
        return new Reason(ruleId, effect, message, pack, packVersion, remediation);
    }
}
