package dev.clearance;

/**
 * How an engine's rules behave at run time, for health checks and metrics ({@link PolicyEngine#health()}).
 *
 * <p>A decision whose rules overrun the {@linkplain EvaluationLimits#timeBudget() time budget} is answered DENY
 * {@code limit.timeBudget} at the budget (plus a small margin), whatever the rule does: rules fire on the engine's
 * own threads, and the caller does not wait for one that runs on. A rule that never returns keeps its thread busy
 * (Java cannot stop it); that thread is <em>stuck</em> and is replaced, up to a bound. Once every rule thread is
 * stuck, every decision that reaches the rules is DENY {@code limit.timeBudget} at once. The counts are per engine:
 * a reloaded pack starts from zero.
 *
 * @param overruns decisions denied {@code limit.timeBudget} because the rules overran, since the engine was built
 * @param stuckWorkers rule threads still running a rule that did not return within its budget, now
 */
public record EngineHealth(long overruns, int stuckWorkers) {
    /** Whether a rule holds a thread it did not give back: the pack has a rule that runs away. */
    public boolean degraded() {
        return stuckWorkers > 0;
    }
}
