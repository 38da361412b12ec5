package dev.clearance;

import dev.clearance.authoring.PackAnalysis;
import dev.clearance.pack.PackTrust;
import dev.clearance.pack.RulePack;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PolicyDecider} whose rule pack can be replaced while it serves. Each reload builds a complete new
 * {@link PolicyEngine} and swaps it in atomically: every decision is made by exactly one pack version, and names
 * it ({@link Decision#packVersion()}). Under a {@linkplain Builder#trust(PackTrust) trust} with keys, versions are
 * monotonic: a pack whose version is older than the one serving (or cannot be ordered against it) is refused before
 * it compiles, so an older signed pack cannot be swapped back in, unless {@link Builder#allowRollback(boolean)}.
 * Versions are dotted numbers compared part by part ({@code 1} = {@code 1.0} &lt; {@code 1.2} &lt; {@code 1.10});
 * the same version is accepted (a watched pack whose files are touched, or re-signed, reloads). A pack that fails to load or compile (or, with
 * {@link Builder#rejectOnWarnings(boolean)}, to pass {@link PackAnalysis}) leaves the last good pack serving;
 * the failure is logged and reported to the listener. The new engine is built on a thread of its own, bounded by
 * {@link Builder#reloadTimeout(Duration)}: a pack whose compilation or warm-up never ends, or that throws an
 * {@link Error}, is a failed reload too, and {@link #reload(RulePack)} returns.
 *
 * <pre>{@code
 * try (ReloadingPolicyEngine engine = ReloadingPolicyEngine.builder(RulePack.load(dir))
 *         .listener(event -> log(event))
 *         .build()) {
 *     engine.watch(dir);                         // reloads on change, debounced
 *     Decision d = engine.evaluate(request);     // thread-safe
 * }
 * }</pre>
 */
public final class ReloadingPolicyEngine implements PolicyDecider, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadingPolicyEngine.class);

    /** Default longest time building the engine of a reloaded pack (compile and warm-up) may take. */
    public static final Duration DEFAULT_RELOAD_TIMEOUT = Duration.ofSeconds(60);

    /** Default quiet period after the last file change before a watched pack is reloaded. */
    public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(300);

    private final AtomicReference<PolicyEngine> current;
    private final Function<RulePack, PolicyEngine> factory;
    private final Consumer<ReloadEvent> listener;
    private final boolean rejectOnWarnings;
    private final Duration debounce;
    private final Duration reloadTimeout;
    private final PackTrust trust;
    private final boolean allowRollback;
    private final java.util.concurrent.atomic.AtomicLong rejected = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong refusedRollbacks =
            new java.util.concurrent.atomic.AtomicLong();
    private final Object reloadLock = new Object();
    private volatile Thread watcher;
    private volatile WatchService watchService;
    private volatile boolean closed;

    private ReloadingPolicyEngine(Builder b) {
        this.factory = b.factory;
        this.listener = b.listener;
        this.rejectOnWarnings = b.rejectOnWarnings;
        this.trust = b.trust;
        this.allowRollback = b.allowRollback;
        this.debounce = b.debounce;
        this.reloadTimeout = b.reloadTimeout;
        this.current = new AtomicReference<>(factory.apply(b.initial));
    }

    /** A builder starting from {@code initial}, which must compile. */
    public static Builder builder(RulePack initial) {
        return new Builder(initial);
    }

    @Override
    public Decision evaluate(PolicyRequest request) {
        Objects.requireNonNull(request, "request");
        return current.get().evaluate(request);
    }

    @Override
    public Decision evaluate(PolicyRequest request, Conversation conversation) {
        Objects.requireNonNull(request, "request");
        return current.get().evaluate(request, conversation);
    }

    /**
     * {@link PolicyEngine#explain(PolicyRequest)} on the pack serving now: the decision, its reasons and the
     * explanation all come from that one pack version, even when a reload swaps packs during the call.
     */
    public Decision explain(PolicyRequest request) {
        Objects.requireNonNull(request, "request");
        return current.get().explain(request);
    }

    /** The engine serving now; a later reload does not change it. */
    public PolicyEngine current() {
        return current.get();
    }

    @Override
    public String packId() {
        return current.get().packId();
    }

    @Override
    public String packVersion() {
        return current.get().packVersion();
    }

    /** Reloads that failed (any reason, older versions included) since this engine was built. */
    public long rejectedReloads() {
        return rejected.get();
    }

    /**
     * Reloads refused because, under a trust with keys, the pack's version was older than the one serving or could
     * not be ordered against it, since this engine was built.
     */
    public long refusedRollbacks() {
        return refusedRollbacks.get();
    }

    /**
     * Builds an engine for {@code pack} and swaps it in. Never throws for a bad pack: the last good one keeps
     * serving and the returned event (also given to the listener) says why.
     */
    public ReloadEvent reload(RulePack pack) {
        Objects.requireNonNull(pack, "pack");
        return reload(() -> pack);
    }

    /** Reads the pack in {@code directory} again and swaps it in; see {@link #reload(RulePack)}. */
    public ReloadEvent reload(Path directory) {
        Objects.requireNonNull(directory, "directory");
        return reload(() -> RulePack.load(directory, trust));
    }

    private ReloadEvent reload(java.util.function.Supplier<RulePack> source) {
        synchronized (reloadLock) {
            String attempted = "";
            ReloadEvent event;
            try {
                RulePack pack = source.get();
                attempted = pack.id() + "@" + pack.version();
                requireNotOlder(pack);
                PolicyEngine next = bounded(() -> candidate(pack), attempted);
                current.set(next);
                LOG.info("rule pack {} now serves", attempted);
                event = new ReloadEvent(true, next.packId(), next.packVersion(), attempted, List.of(), Instant.now());
            } catch (RulePackCompilationException e) {
                rejected.incrementAndGet();
                PolicyEngine kept = current.get();
                LOG.warn(
                        "rule pack {} rejected, {}@{} keeps serving: {} problem(s), first: {}",
                        attempted,
                        kept.packId(),
                        kept.packVersion(),
                        e.diagnostics().size(),
                        e.diagnostics().isEmpty() ? "" : e.diagnostics().get(0).format());
                event = new ReloadEvent(
                        false, kept.packId(), kept.packVersion(), attempted, e.diagnostics(), Instant.now());
            } catch (RuntimeException e) {
                rejected.incrementAndGet();
                PolicyEngine kept = current.get();
                LOG.warn(
                        "rule pack {} rejected, {}@{} keeps serving: {}",
                        attempted,
                        kept.packId(),
                        kept.packVersion(),
                        e.getClass().getSimpleName());
                event = new ReloadEvent(
                        false,
                        kept.packId(),
                        kept.packVersion(),
                        attempted,
                        List.of(Diagnostic.of(
                                Severity.ERROR,
                                e instanceof ReloadFailure
                                        ? e.getMessage()
                                        : e.getClass().getSimpleName() + ": "
                                                + String.valueOf(e.getMessage())
                                                        .lines()
                                                        .findFirst()
                                                        .orElse(""))),
                        Instant.now());
            }
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("reload listener threw {}", e.getClass().getName());
            }
            return event;
        }
    }

    /**
     * Under a trust with keys (and no rollback opt-in), refuses a pack older than the one serving, or whose version
     * cannot be ordered against it: an older signed pack is still validly signed, and would otherwise undo a fix.
     */
    private void requireNotOlder(RulePack pack) {
        if (!trust.requiresSignature() || allowRollback) {
            return;
        }
        String serving = current.get().packVersion();
        java.util.Optional<Integer> order = dev.clearance.internal.pack.PackVersions.compare(pack.version(), serving);
        if (order.isPresent() && order.get() >= 0) {
            return;
        }
        refusedRollbacks.incrementAndGet();
        String why = order.isPresent()
                ? "version " + pack.version() + " is older than serving version " + serving
                : "version " + pack.version() + " cannot be ordered against serving version " + serving
                        + " (under a trusted key versions are dotted numbers such as 2 or 1.10)";
        throw new RulePackCompilationException(
                pack.id(),
                List.of(new Diagnostic(
                        Severity.ERROR,
                        "pack.yaml",
                        0,
                        0,
                        null,
                        why + ": refused, a rollback needs the explicit opt-in (allowRollback, --allow-rollback)")));
    }

    /** The engine for {@code pack}, checked as the builder says; on the reload thread. */
    private PolicyEngine candidate(RulePack pack) {
        PolicyEngine next = factory.apply(pack);
        if (rejectOnWarnings) {
            PackAnalysis analysis = PackAnalysis.of(next);
            if (analysis.hasWarnings()) {
                throw new RulePackCompilationException(
                        pack.id(),
                        analysis.diagnostics().stream()
                                .filter(d -> d.severity() != Severity.INFO)
                                .toList());
            }
        }
        return next;
    }

    /**
     * Runs {@code build} on a thread of its own and waits at most the reload timeout: a pack whose compilation or
     * warm-up never ends, or that throws an {@link Error}, is a failed reload, not a hung or dead reloader. A build
     * that overran is abandoned (its thread is a daemon, interrupted).
     */
    private PolicyEngine bounded(java.util.function.Supplier<PolicyEngine> build, String attempted) {
        java.util.concurrent.CompletableFuture<PolicyEngine> result = new java.util.concurrent.CompletableFuture<>();
        Thread t = new Thread(
                () -> {
                    try {
                        result.complete(build.get());
                    } catch (Throwable e) { // an Error (stack overflow, out of memory) is a failed reload too
                        result.completeExceptionally(e);
                    }
                },
                "clearance-pack-build");
        t.setDaemon(true);
        t.start();
        try {
            return result.get(reloadTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            t.interrupt();
            throw new ReloadFailure("building the engine of " + attempted + " took longer than the reload timeout of "
                    + reloadTimeout.toMillis() + " ms: abandoned");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            t.interrupt();
            throw new ReloadFailure("interrupted while building the engine of " + attempted);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new ReloadFailure("building the engine of " + attempted + " failed with "
                    + cause.getClass().getSimpleName());
        }
    }

    /** A reload that failed outside compilation: timeout, an Error, interruption. Its message names no content. */
    private static final class ReloadFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ReloadFailure(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Watches {@code directory} (and its subdirectories) and reloads the pack from it once files stop changing
     * for the debounce period. One directory per engine.
     *
     * @throws IllegalStateException when already watching or closed
     */
    public synchronized void watch(Path directory) {
        Objects.requireNonNull(directory, "directory");
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (watcher != null) {
            throw new IllegalStateException("already watching a directory");
        }
        try {
            WatchService ws = FileSystems.getDefault().newWatchService();
            registerTree(ws, directory);
            watchService = ws;
            Thread t = new Thread(() -> watchLoop(ws, directory), "clearance-pack-watcher");
            t.setDaemon(true);
            watcher = t;
            t.start();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot watch " + directory, e);
        }
    }

    private static void registerTree(WatchService ws, Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isDirectory).toList()) {
                p.register(
                        ws,
                        StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
    }

    private void watchLoop(WatchService ws, Path directory) {
        try {
            while (!closed) {
                WatchKey key = ws.take();
                drain(key);
                // debounce: wait until a whole quiet period passes without events
                WatchKey more;
                while ((more = ws.poll(debounce.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    drain(more);
                }
                if (closed) {
                    return;
                }
                try {
                    registerTree(ws, directory);
                } catch (IOException e) {
                    LOG.warn(
                            "cannot watch new folders of the pack: {}",
                            e.getClass().getSimpleName());
                }
                reload(directory);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException e) {
            // closed
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    /** Stops watching. Evaluation keeps working with the current pack. */
    @Override
    public synchronized void close() {
        closed = true;
        WatchService ws = watchService;
        if (ws != null) {
            try {
                ws.close();
            } catch (IOException e) {
                LOG.debug("closing the watch service failed", e);
            }
        }
        Thread t = watcher;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public String toString() {
        return "ReloadingPolicyEngine[" + current.get() + "]";
    }

    /** Builds a {@link ReloadingPolicyEngine}. */
    public static final class Builder {
        private final RulePack initial;
        private Function<RulePack, PolicyEngine> factory =
                p -> PolicyEngine.builder().rulePack(p).build();
        private Consumer<ReloadEvent> listener = e -> {};
        private boolean rejectOnWarnings;
        private Duration debounce = DEFAULT_DEBOUNCE;
        private Duration reloadTimeout = DEFAULT_RELOAD_TIMEOUT;
        private PackTrust trust = PackTrust.none();
        private boolean allowRollback;

        private Builder(RulePack initial) {
            this.initial = Objects.requireNonNull(initial, "initial");
        }

        /**
         * How an engine is built for each pack, e.g. to set limits or a catalog; default
         * {@code PolicyEngine.builder().rulePack(pack).build()}.
         */
        public Builder engineFactory(Function<RulePack, PolicyEngine> factory) {
            this.factory = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /** Told about every reload, successful or not; called on the reloading thread. */
        public Builder listener(Consumer<ReloadEvent> listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Also reject packs whose {@link PackAnalysis} has warnings (as {@code clearance check --strict}). */
        public Builder rejectOnWarnings(boolean reject) {
            this.rejectOnWarnings = reject;
            return this;
        }

        /**
         * Keys a reloaded pack directory must be signed by (default: none required). An unsigned or tampered pack
         * is rejected like one that does not compile: the last good pack keeps serving. With keys, versions are
         * monotonic too: a pack older than the one serving is refused (see {@link #allowRollback(boolean)}).
         */
        public Builder trust(PackTrust trust) {
            this.trust = Objects.requireNonNull(trust, "trust");
            return this;
        }

        /**
         * The explicit opt-in to roll back: under a {@linkplain #trust(PackTrust) trust} with keys, accept a reloaded
         * pack whose version is older than the one serving (default: refused). Without keys versions are never
         * compared.
         */
        public Builder allowRollback(boolean allow) {
            this.allowRollback = allow;
            return this;
        }

        /** Quiet period after the last change before a watched pack reloads; default {@link #DEFAULT_DEBOUNCE}. */
        public Builder debounce(Duration debounce) {
            Objects.requireNonNull(debounce, "debounce");
            if (debounce.isNegative()) {
                throw new IllegalArgumentException("debounce must not be negative");
            }
            this.debounce = debounce;
            return this;
        }

        /**
         * Longest a reload may spend building the new pack's engine (compilation, warm-up, and the analysis of
         * {@link #rejectOnWarnings(boolean)}); default {@link #DEFAULT_RELOAD_TIMEOUT}. A build that takes longer is
         * abandoned and the last good pack keeps serving.
         */
        public Builder reloadTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("reloadTimeout must be positive");
            }
            this.reloadTimeout = timeout;
            return this;
        }

        /**
         * Compiles the initial pack.
         *
         * @throws RulePackCompilationException when it does not compile
         */
        public ReloadingPolicyEngine build() {
            return new ReloadingPolicyEngine(this);
        }
    }
}
