package dev.clearance.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The red team's attack, bounded: {@code connections} non-blocking sockets on one thread, each sends the headers of
 * a {@code POST /v1/decisions} with a large {@code Content-Length}, then trickles one byte of body every
 * {@code trickleMillis}. A connection the server closes is opened again, so the count stays at {@code connections}.
 * Uses one file descriptor per connection; {@link #close()} releases them all.
 */
final class SlowBodyAttack implements AutoCloseable {
    private static final byte[] HEADERS = ("POST /v1/decisions HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
            .getBytes(StandardCharsets.US_ASCII);

    private final InetSocketAddress target;
    private final int connections;
    private final long trickleMillis;
    private final Selector selector;
    private final Thread thread;
    private final List<SocketChannel> open = new ArrayList<>();
    private final AtomicInteger connected = new AtomicInteger();
    private final LongAdder closedByServer = new LongAdder();
    private final LongAdder opened = new LongAdder();
    private volatile boolean running = true;

    SlowBodyAttack(int port, int connections, long trickleMillis) throws IOException {
        this.target = new InetSocketAddress("127.0.0.1", port);
        this.connections = connections;
        this.trickleMillis = trickleMillis;
        this.selector = Selector.open();
        this.thread = new Thread(this::loop, "slow-body-attack");
        thread.setDaemon(true);
        thread.start();
    }

    /** Connections whose headers have been sent and that the server has not closed. */
    int connected() {
        return connected.get();
    }

    /** Connections the server closed (408, header timeout or idle timeout); each was opened again. */
    long closedByServer() {
        return closedByServer.sum();
    }

    long opened() {
        return opened.sum();
    }

    private void connect() throws IOException {
        SocketChannel ch = SocketChannel.open();
        ch.configureBlocking(false);
        ch.connect(target);
        ch.register(selector, SelectionKey.OP_CONNECT);
        open.add(ch);
        opened.increment();
    }

    private void loop() {
        ByteBuffer sink = ByteBuffer.allocate(4096);
        ByteBuffer oneByte = ByteBuffer.allocate(1);
        long nextTrickle = System.nanoTime();
        try {
            for (int i = 0; i < connections && running; i++) {
                connect();
                if (i % 100 == 99) {
                    selectOnce(sink);
                }
            }
            while (running) {
                selectOnce(sink);
                if (System.nanoTime() >= nextTrickle) {
                    for (SelectionKey k : selector.keys()) {
                        if (k.isValid() && k.attachment() != null) {
                            oneByte.clear();
                            oneByte.put((byte) ' ').flip();
                            try {
                                ((SocketChannel) k.channel()).write(oneByte);
                            } catch (IOException e) {
                                drop(k);
                            }
                        }
                    }
                    nextTrickle = System.nanoTime() + trickleMillis * 1_000_000;
                }
                while (open.size() < connections && running) {
                    connect();
                }
            }
        } catch (IOException e) {
            // the attack stops; the test sees connected() drop
        } finally {
            for (SelectionKey k : selector.keys()) {
                try {
                    k.channel().close();
                } catch (IOException ignored) {
                    // closing
                }
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    private void selectOnce(ByteBuffer sink) throws IOException {
        selector.select(20);
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey k = it.next();
            it.remove();
            SocketChannel ch = (SocketChannel) k.channel();
            try {
                if (k.isConnectable()) {
                    ch.finishConnect();
                    ch.write(ByteBuffer.wrap(HEADERS)); // small: fits the socket buffer
                    k.attach(Boolean.TRUE);
                    k.interestOps(SelectionKey.OP_READ);
                    connected.incrementAndGet();
                } else if (k.isReadable()) {
                    sink.clear();
                    if (ch.read(sink) < 0) {
                        closedByServer.increment();
                        drop(k);
                    }
                }
            } catch (IOException e) {
                closedByServer.increment();
                drop(k);
            }
        }
    }

    private void drop(SelectionKey k) {
        if (k.attachment() != null) {
            connected.decrementAndGet();
        }
        k.attach(null);
        k.cancel();
        open.remove(k.channel());
        try {
            k.channel().close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
