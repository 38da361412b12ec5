package dev.clearance.spring.boot;

import dev.clearance.ReloadEvent;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** The last reload of the auto-configured {@link dev.clearance.ReloadingPolicyEngine}, and the last failed one. */
public class ClearanceReloadStatus {
    private final AtomicReference<ReloadEvent> last = new AtomicReference<>();
    private final AtomicReference<ReloadEvent> lastFailure = new AtomicReference<>();

    /** Records a reload; the engine's listener. */
    public void record(ReloadEvent event) {
        last.set(event);
        if (!event.succeeded()) {
            lastFailure.set(event);
        }
    }

    /** The last reload, successful or not; empty before the first. */
    public Optional<ReloadEvent> last() {
        return Optional.ofNullable(last.get());
    }

    /** The last failed reload; empty when none failed. */
    public Optional<ReloadEvent> lastFailure() {
        return Optional.ofNullable(lastFailure.get());
    }
}
