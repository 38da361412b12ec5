package dev.clearance.server.http;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * A handler wrapper that holds every request body to a minimum average data rate after a grace period: one timer
 * per request fires when the rate would be missed (so a body that stops completely is cut at the same moment as
 * one that trickles), after which the body's reader sees a failure chunk with a {@link TooSlowException} instead
 * of more content. Requests without a body pass untouched. Made by {@link ConnectorLimits#minimumDataRate}.
 */
public final class MinimumDataRate extends Handler.Wrapper {
    /** What a body's reader sees when the body fell below the minimum data rate. */
    public static final class TooSlowException extends TimeoutException {
        private static final long serialVersionUID = 1L;

        TooSlowException() {
            super("request body below the minimum data rate");
        }
    }

    private final long minBytesPerSecond;
    private final long graceNanos;
    private final ConnectorLimits.Meters meters;

    MinimumDataRate(Handler next, long minBytesPerSecond, long graceNanos, ConnectorLimits.Meters meters) {
        super(next);
        this.minBytesPerSecond = minBytesPerSecond;
        this.graceNanos = graceNanos;
        this.meters = meters;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (request.getLength() == 0) {
            return super.handle(request, response, callback);
        }
        RateRequest rated = new RateRequest(request);
        rated.schedule();
        Callback done = new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                rated.finish();
                super.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                rated.finish();
                super.failed(x);
            }
        };
        boolean handled;
        try {
            handled = super.handle(rated, response, done);
        } catch (Exception | Error e) {
            rated.finish();
            throw e;
        }
        if (!handled) {
            rated.finish();
        }
        return handled;
    }

    /** {@code true} when {@code failure} (or a cause) is the minimum data rate's. */
    public static boolean isTooSlow(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TooSlowException) {
                return true;
            }
        }
        return false;
    }

    private final class RateRequest extends Request.Wrapper {
        private final long startedNanos = System.nanoTime();
        private final Scheduler scheduler;
        private final AtomicBoolean finished = new AtomicBoolean();
        private final AtomicReference<Runnable> pending = new AtomicReference<>();
        private volatile long received;
        private volatile TooSlowException failure;
        private volatile Scheduler.Task timer;

        RateRequest(Request wrapped) {
            super(wrapped);
            this.scheduler = wrapped.getComponents().getScheduler();
        }

        @Override
        public Content.Chunk read() {
            TooSlowException f = failure;
            if (f != null) {
                return Content.Chunk.from(f, true);
            }
            Content.Chunk chunk = super.read();
            if (chunk != null) {
                if (Content.Chunk.isFailure(chunk) || chunk.isLast()) {
                    received += chunk.remaining();
                    finish();
                } else {
                    received += chunk.remaining();
                }
            }
            return chunk;
        }

        @Override
        public void demand(Runnable demandCallback) {
            pending.set(demandCallback);
            super.demand(() -> {
                Runnable p = pending.getAndSet(null);
                if (p != null) {
                    p.run();
                }
            });
        }

        /** Nanos from the start by which {@code bytes} must have arrived. */
        private long deadline(long bytes) {
            double allowed = (double) bytes / minBytesPerSecond * 1e9;
            return graceNanos + (long) Math.min(allowed, Long.MAX_VALUE / 4.0);
        }

        void schedule() {
            long delay = deadline(received) - (System.nanoTime() - startedNanos);
            timer = scheduler.schedule(this::check, Math.max(delay, 1_000_000), TimeUnit.NANOSECONDS);
        }

        private void check() {
            if (finished.get()) {
                return;
            }
            if (System.nanoTime() - startedNanos < deadline(received)) {
                schedule();
                return;
            }
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            failure = new TooSlowException();
            meters.slowBody();
            Runnable p = pending.getAndSet(null);
            if (p != null) {
                p.run();
            }
        }

        void finish() {
            if (finished.compareAndSet(false, true)) {
                Scheduler.Task t = timer;
                if (t != null) {
                    t.cancel();
                }
            }
        }
    }
}
