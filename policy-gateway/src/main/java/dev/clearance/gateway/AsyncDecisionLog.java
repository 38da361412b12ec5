package dev.clearance.gateway;

import dev.clearance.decisionlog.DecisionLogRecord;
import dev.clearance.spi.DecisionLogSink;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes decision-log records on a thread of its own, so that formatting a record and writing (and flushing) its
 * line is not on the thread deciding a request. Bounded: when the queue is full, a record is written on the
 * caller's thread instead (slower, never dropped). {@link #close()} writes what is queued, then closes the
 * delegate.
 */
final class AsyncDecisionLog implements DecisionLogSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncDecisionLog.class);

    private final DecisionLogSink delegate;
    private final Runnable closeDelegate;
    private final ArrayBlockingQueue<DecisionLogRecord> queue;
    private final Thread writer;
    private volatile boolean closed;

    AsyncDecisionLog(DecisionLogSink delegate, Runnable closeDelegate, int capacity) {
        this.delegate = delegate;
        this.closeDelegate = closeDelegate;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = new Thread(this::drain, "clearance-gateway-decision-log");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void record(DecisionLogRecord record) {
        if (closed || !queue.offer(record)) {
            write(record);
        }
    }

    @Override
    public boolean enabled() {
        return delegate.enabled();
    }

    private void drain() {
        while (!closed || !queue.isEmpty()) {
            try {
                DecisionLogRecord r = queue.poll(100, TimeUnit.MILLISECONDS);
                if (r != null) {
                    write(r);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void write(DecisionLogRecord r) {
        try {
            delegate.record(r);
        } catch (RuntimeException e) {
            LOG.warn("decision log record not written: {}", e.getClass().getSimpleName());
        }
    }

    /** Records queued and not yet written (tests). */
    int pending() {
        return queue.size();
    }

    @Override
    public void close() {
        closed = true;
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        DecisionLogRecord r;
        while ((r = queue.poll()) != null) {
            write(r);
        }
        closeDelegate.run();
    }
}
