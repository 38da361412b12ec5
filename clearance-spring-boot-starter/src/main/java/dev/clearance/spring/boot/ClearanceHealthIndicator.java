package dev.clearance.spring.boot;

import dev.clearance.EngineHealth;
import dev.clearance.PolicyDecider;
import dev.clearance.PolicyEngine;
import dev.clearance.ReloadEvent;
import dev.clearance.ReloadingPolicyEngine;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Actuator health of the policy engine ({@code /actuator/health/clearance}): UP with the serving pack's id and
 * version, the last reload and the last failed reload (whose pack did not replace the serving one); DOWN when a
 * rule holds an engine thread it never gave back ({@link EngineHealth#degraded()}). Names packs, counts and
 * times, never request content.
 */
public class ClearanceHealthIndicator extends AbstractHealthIndicator {
    private final PolicyDecider decider;
    private final ClearanceReloadStatus status;

    public ClearanceHealthIndicator(PolicyDecider decider, ClearanceReloadStatus status) {
        super("the Clearance health check failed");
        this.decider = decider;
        this.status = status;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up().withDetail("packId", decider.packId()).withDetail("packVersion", decider.packVersion());
        PolicyEngine engine =
                decider instanceof PolicyEngine e ? e : decider instanceof ReloadingPolicyEngine r ? r.current() : null;
        if (engine != null) {
            EngineHealth h = engine.health();
            builder.withDetail("overruns", h.overruns()).withDetail("stuckWorkers", h.stuckWorkers());
            if (h.degraded()) {
                builder.down();
            }
        }
        if (status != null) {
            status.last().ifPresent(e -> builder.withDetail("lastReload", describe(e)));
            status.lastFailure().ifPresent(e -> builder.withDetail("lastReloadError", describe(e)));
        }
    }

    private static String describe(ReloadEvent e) {
        return e.at() + " " + (e.succeeded() ? "loaded " : "rejected ")
                + (e.attempted().isEmpty() ? "an unreadable pack" : e.attempted())
                + (e.succeeded() ? "" : " (" + e.diagnostics().size() + " problem(s))");
    }
}
