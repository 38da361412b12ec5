package dev.clearance.server;

import dev.clearance.server.http.MinimumDataRate;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * Reads one request body without blocking a thread: Jetty calls back when bytes arrive ({@link Request#demand}), so
 * a client that trickles or stalls its body holds a connection, never a worker. Also enforces the body size limit
 * while reading. The minimum data rate is {@link MinimumDataRate}'s (the handler in front, shared with the
 * gateway): a body it cuts ends here as {@link TooSlow}.
 */
final class BodyReader implements Runnable, Invocable {
    /** How reading one body ended; exactly one of these is delivered, once. */
    sealed interface Outcome {}

    record Complete(byte[] body) implements Outcome {}

    record TooLarge() implements Outcome {}

    /** Below the minimum data rate after the grace period. */
    record TooSlow() implements Outcome {}

    /** Bodies being read or decided hold more than the server's budget ({@code budget}). */
    record OverBudget() implements Outcome {}

    /** The client went away or stalled past the idle timeout. */
    record Failed(Throwable cause) implements Outcome {}

    private final Request request;
    private final int maxBytes;
    private final Consumer<Outcome> done;
    private final AtomicLong buffered;
    private final long maxBuffered;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final ByteArrayOutputStream body;
    private volatile long received;

    private BodyReader(Request request, int maxBytes, AtomicLong buffered, long maxBuffered, Consumer<Outcome> done) {
        this.buffered = buffered;
        this.maxBuffered = maxBuffered;
        this.request = request;
        this.maxBytes = maxBytes;
        this.done = done;
        long declared = request.getLength();
        this.body = new ByteArrayOutputStream(declared > 0 && declared <= maxBytes ? (int) declared : 512);
    }

    /**
     * Starts reading; {@code done} is called exactly once, on a Jetty thread (or the scheduler's, for
     * {@link TooSlow}: {@link MinimumDataRate} fails the body from its timer).
     *
     * <p>Every byte read is added to {@code buffered}, shared by all requests; past {@code maxBuffered} the read
     * ends with {@link OverBudget}. The bytes of a {@link Complete} body stay counted: the caller subtracts them
     * once the body is no longer needed; for any other outcome they are subtracted here.
     */
    static void read(Request request, int maxBytes, AtomicLong buffered, long maxBuffered, Consumer<Outcome> done) {
        new BodyReader(request, maxBytes, buffered, maxBuffered, done).run();
    }

    /**
     * Never blocks (reads what is there, copies it, hands a complete body to the decision pool or writes a short
     * error), so Jetty may run it on the selector thread instead of dispatching a worker for every byte a slow
     * client trickles.
     */
    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    /** Reads what is available, then asks to be called again. Jetty serialises the calls. */
    @Override
    public void run() {
        while (!finished.get()) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            try {
                if (Content.Chunk.isFailure(chunk)) {
                    finish(
                            MinimumDataRate.isTooSlow(chunk.getFailure())
                                    ? new TooSlow()
                                    : new Failed(chunk.getFailure()));
                    return;
                }
                int n = chunk.remaining();
                if (received + n > maxBytes) {
                    finish(new TooLarge());
                    return;
                }
                if (n > 0) {
                    if (buffered.addAndGet(n) > maxBuffered) {
                        buffered.addAndGet(-n);
                        finish(new OverBudget());
                        return;
                    }
                    byte[] bytes = new byte[n];
                    chunk.getByteBuffer().get(bytes);
                    body.write(bytes, 0, n);
                    received += n;
                }
                if (chunk.isLast()) {
                    finish(new Complete(body.toByteArray()));
                    return;
                }
            } finally {
                chunk.release();
            }
        }
    }

    private void finish(Outcome outcome) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        if (!(outcome instanceof Complete)) {
            buffered.addAndGet(-received);
        }
        done.accept(outcome);
    }
}
