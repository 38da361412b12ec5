package dev.clearance.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clearance.PolicyDecider;
import dev.clearance.ReloadEvent;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pack serving and what its reloads did, for {@code /health}; {@link #generation()} changes with every pack
 * swapped in (the checked-message cache is keyed by it, so a reloaded pack decides again even at the same
 * version).
 */
final class PackStatus {
    private final PolicyDecider engine;
    private final boolean watching;
    private final boolean polling;
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong reloads = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile ReloadEvent lastFailure;
    private volatile ReloadEvent last;

    /** {@code watching}: the pack directory is watched; {@code polling}: a bundle URL is polled. */
    PackStatus(PolicyDecider engine, boolean watching, boolean polling) {
        this.engine = engine;
        this.watching = watching;
        this.polling = polling;
    }

    /** Called with every reload's outcome (on the reloading thread). */
    void reloaded(ReloadEvent event) {
        last = event;
        if (event.succeeded()) {
            reloads.incrementAndGet();
            generation.incrementAndGet();
        } else {
            rejected.incrementAndGet();
            lastFailure = event;
        }
    }

    long generation() {
        return generation.get();
    }

    long rejected() {
        return rejected.get();
    }

    /**
     * The {@code /health} body: status, pack id and version, whether it is watched, reload counts and the last
     * failed reload (the pack tried, when, how many problems: never rule text).
     */
    String health() {
        ObjectNode root = Dialect.JSON.createObjectNode();
        root.put("status", "UP");
        root.put("pack", engine.packId());
        root.put("packVersion", engine.packVersion());
        root.put("watching", watching);
        root.put("polling", polling);
        root.put("reloads", reloads.get());
        root.put("rejectedReloads", rejected.get());
        ReloadEvent l = last;
        if (l != null) {
            root.put("lastReloadAt", l.at().toString());
        }
        ReloadEvent f = lastFailure;
        if (f == null) {
            root.putNull("lastReloadError");
        } else {
            ObjectNode e = root.putObject("lastReloadError");
            e.put("at", f.at().toString());
            e.put("attempted", f.attempted());
            e.put("problems", f.diagnostics().size());
        }
        return root.toString();
    }
}
