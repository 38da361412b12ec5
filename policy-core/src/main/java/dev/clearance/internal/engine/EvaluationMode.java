package dev.clearance.internal.engine;

/** How {@link Evaluator} runs one request. */
enum EvaluationMode {
    /** Real traffic: the decision cache and the time budget apply, a decision-log record is written. */
    NORMAL(true, true, true),
    /** A test case: the rules always run (no cache) and every outcome is kept; not logged. */
    TRACE(false, true, false),
    /**
     * Analysis over enumerated situations: the destination and findings are given, not resolved or scanned; no
     * time budget (a loaded machine must not change an analysis), no cache, not logged.
     */
    SYNTHETIC(false, false, false);

    private final boolean cached;
    private final boolean timeBounded;
    private final boolean logged;

    EvaluationMode(boolean cached, boolean timeBounded, boolean logged) {
        this.cached = cached;
        this.timeBounded = timeBounded;
        this.logged = logged;
    }

    boolean cached() {
        return cached;
    }

    boolean timeBounded() {
        return timeBounded;
    }

    boolean logged() {
        return logged;
    }

    /** Whether the destination and findings are given instead of resolved and scanned. */
    boolean given() {
        return this == SYNTHETIC;
    }
}
