package dev.clearance;

/**
 * Anything that decides requests: a {@link PolicyEngine} (one pack, fixed) or a {@link ReloadingPolicyEngine}
 * (the current pack, swapped atomically). Implementations are thread-safe and never throw for what a request or
 * a rule can cause.
 */
public interface PolicyDecider {

    /**
     * Decides one request; fails closed.
     *
     * @throws NullPointerException only when {@code request} is null
     */
    Decision evaluate(PolicyRequest request);

    /** Id of the pack that currently decides. */
    String packId();

    /** Version of the pack that currently decides; every decision names the version that made it. */
    String packVersion();
}
