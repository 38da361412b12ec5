package dev.clearance.internal.engine;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The threads rules fire on, so that a consequence that never returns cannot hold the caller past its deadline.
 * One pool per engine, of daemon threads started on demand and ended when idle. Internal: may change at any time.
 *
 * <p>The caller hands a run over and waits until its deadline plus {@link #GRACE_NANOS}. A run still going then is
 * <em>abandoned</em>: the caller gets no result (and answers DENY), the run is told to stop ({@link
 * DroolsRuntime.Halt}) and its thread is interrupted. A thread whose abandoned run does not return is <em>stuck</em>;
 * each stuck thread is replaced by a new one, up to {@code maxStuck}. Once every thread the pool may have is stuck,
 * a run is refused at once (fail closed) instead of queueing. A stuck run that returns after all gives its thread
 * back.
 */
final class RuleWorkers {
    /**
     * How long a caller yields in a loop, waiting for its run, before it parks; and how long an idle rule thread
     * yields in a loop, waiting for the next run, before it parks. A run of the rules takes microseconds, and
     * waking a parked thread takes tens of them on a virtual machine: two wake-ups per decision were most of an
     * uncached decision's cost. Yielding (not busy-spinning) gives the core to any other runnable thread, so a
     * loaded machine loses little.
     */
    static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    /** How long after the deadline the caller still waits for the rules to stop by themselves. */
    static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private static final AtomicInteger POOLS = new AtomicInteger();
    private static final int QUEUE = 1024;

    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int DONE = 2;
    private static final int DROPPED = 3;
    private static final int STUCK = 4;

    private final int size;
    private final int maxStuck;
    private final ThreadPoolExecutor executor;
    private final AtomicInteger stuck = new AtomicInteger();
    private final LongAdder abandoned = new LongAdder();

    /**
     * @param size threads running rules at once while none is stuck
     * @param maxStuck stuck threads replaced before capacity shrinks
     */
    RuleWorkers(int size, int maxStuck) {
        this.size = size;
        this.maxStuck = maxStuck;
        int pool = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "clearance-rules-" + pool + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = new ThreadPoolExecutor(
                size,
                size,
                30,
                TimeUnit.SECONDS,
                new SpinningQueue(QUEUE),
                factory,
                new ThreadPoolExecutor.AbortPolicy());
        executor.allowCoreThreadTimeOut(true);
    }

    /** A pool sized for this machine's cores. */
    static RuleWorkers forCores() {
        int cores = Math.max(2, Runtime.getRuntime().availableProcessors());
        return new RuleWorkers(cores, cores);
    }

    /** Threads running an abandoned run now. */
    int stuck() {
        return stuck.get();
    }

    /** Runs abandoned so far (each also answered DENY). */
    long abandoned() {
        return abandoned.sum();
    }

    /** What became of one hand-over. */
    enum Status {
        /** The run returned in time; its result is given. */
        COMPLETED,
        /** The run was still going at the deadline plus grace: abandoned. */
        OVERRAN,
        /** Every thread is stuck (or the queue is full): refused without running. */
        REFUSED
    }

    record Result(Status status, DroolsRuntime.Run run) {}

    /**
     * Runs {@code work} on a pool thread and waits for it until {@code deadlineNanos} plus the grace. {@code halt}
     * is what {@code work} watches to stop early; it is raised when the run is abandoned. Never throws: a run that
     * throws is reported by {@code work} itself, an unexpected throwable here is a {@code Run} with a failure.
     */
    Result run(Supplier<DroolsRuntime.Run> work, DroolsRuntime.Halt halt, long deadlineNanos) {
        if (stuck.get() >= size + maxStuck) {
            return new Result(Status.REFUSED, null);
        }
        AtomicInteger state = new AtomicInteger(QUEUED);
        Future<DroolsRuntime.Run> future;
        try {
            future = executor.submit(() -> {
                if (!state.compareAndSet(QUEUED, RUNNING)) {
                    return null;
                }
                DroolsRuntime.Run r;
                try {
                    r = work.get();
                } finally {
                    if (!state.compareAndSet(RUNNING, DONE)) {
                        recovered();
                    }
                }
                return r;
            });
        } catch (RejectedExecutionException e) {
            return new Result(Status.REFUSED, null);
        }
        awaitBriefly(future);
        long waitNanos = deadlineNanos + GRACE_NANOS - System.nanoTime();
        try {
            return new Result(Status.COMPLETED, future.get(Math.max(0, waitNanos), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return abandon(future, state, halt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return abandon(future, state, halt);
        } catch (ExecutionException e) {
            return new Result(Status.COMPLETED, DroolsRuntime.Run.failed(e.getCause()));
        }
    }

    /** Yields until {@code future} is done or {@link #SPIN_NANOS} passed; the caller then parks as before. */
    private static void awaitBriefly(Future<?> future) {
        long until = System.nanoTime() + SPIN_NANOS;
        while (!future.isDone() && System.nanoTime() - until < 0) {
            Thread.yield();
        }
    }

    /**
     * The pool's queue: an idle rule thread first yields in a loop for {@link #SPIN_NANOS} (one thread at a time)
     * and only then parks, so a run handed over soon after the last one starts without a wake-up.
     */
    private static final class SpinningQueue extends ArrayBlockingQueue<Runnable> {
        private static final long serialVersionUID = 1L;

        private final AtomicInteger spinning = new AtomicInteger();

        SpinningQueue(int capacity) {
            super(capacity);
        }

        @Override
        public Runnable poll(long timeout, TimeUnit unit) throws InterruptedException {
            long started = System.nanoTime();
            if (spinning.compareAndSet(0, 1)) {
                try {
                    long until = started + Math.min(SPIN_NANOS, unit.toNanos(timeout));
                    do {
                        Runnable r = poll();
                        if (r != null) {
                            return r;
                        }
                        Thread.yield();
                    } while (System.nanoTime() - until < 0
                            && !Thread.currentThread().isInterrupted());
                } finally {
                    spinning.set(0);
                }
            }
            return super.poll(Math.max(0, unit.toNanos(timeout) - (System.nanoTime() - started)), TimeUnit.NANOSECONDS);
        }

        @Override
        public Runnable take() throws InterruptedException {
            Runnable r = poll(SPIN_NANOS, TimeUnit.NANOSECONDS);
            return r != null ? r : super.take();
        }
    }

    private Result abandon(Future<DroolsRuntime.Run> future, AtomicInteger state, DroolsRuntime.Halt halt) {
        halt.halt();
        if (state.compareAndSet(QUEUED, DROPPED)) {
            future.cancel(false);
            abandoned.increment();
            return new Result(Status.OVERRAN, null);
        }
        if (state.compareAndSet(RUNNING, STUCK)) {
            abandoned.increment();
            replace();
            future.cancel(true);
            return new Result(Status.OVERRAN, null);
        }
        // it finished just now: take its result, which is there or about to be
        try {
            return new Result(Status.COMPLETED, future.get(GRACE_NANOS, TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Status.OVERRAN, null);
        } catch (ExecutionException e) {
            return new Result(Status.COMPLETED, DroolsRuntime.Run.failed(e.getCause()));
        } catch (TimeoutException | RuntimeException e) {
            return new Result(Status.OVERRAN, null);
        }
    }

    /** A thread is stuck: one more thread may run, up to {@code maxStuck} replacements. */
    private synchronized void replace() {
        int n = stuck.incrementAndGet();
        if (n <= maxStuck) {
            executor.setMaximumPoolSize(size + n);
            executor.setCorePoolSize(size + n);
        }
    }

    /** A stuck run returned after all: its thread serves again, so drop one replacement. */
    private synchronized void recovered() {
        int n = stuck.decrementAndGet();
        if (n < maxStuck) {
            executor.setCorePoolSize(size + n);
            executor.setMaximumPoolSize(size + n);
        }
    }
}
