package dev.clearance.spring.boot;

import dev.clearance.micrometer.DecisionMeters;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The Micrometer meters of every decision ({@link DecisionMeters}: {@value DecisionMeters#DECISIONS} by effect,
 * {@value DecisionMeters#DECISION_RULES} by effect and rule, the {@value DecisionMeters#LATENCY} timer,
 * {@value DecisionMeters#FINDINGS} by type), fed as one of the auto-configured engine's decision-log sinks, so they
 * see exactly what the decision log sees, never content. The same meters as {@code clearance serve}'s and
 * {@code clearance gateway}'s {@code /metrics}.
 */
public class ClearanceMeters extends DecisionMeters {
    public ClearanceMeters(MeterRegistry registry) {
        super(registry);
    }
}
