package dev.clearance.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The load driver's HTTP/1.1 on loopback, as cheap as it can be so that the driver and the fake upstream cost the
 * gateway's measurement as little as possible: a keep-alive connection that writes pre-built request bytes and
 * reads an answer (Content-Length or chunked) into a reused buffer, and a fake upstream that answers every request
 * with pre-built bytes (a thread per connection, blocking; no framework, no per-request objects but the socket
 * reads).
 */
final class RawHttp {
    private RawHttp() {}

    /** One keep-alive connection; not thread-safe (one request at a time). */
    static final class Connection implements AutoCloseable {
        private final String host;
        private final int port;
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private byte[] buf = new byte[64 * 1024];
        private int pos;
        private int lim;

        Connection(String host, int port) {
            this.host = host;
            this.port = port;
        }

        private void open() throws IOException {
            reset();
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
            pos = 0;
            lim = 0;
        }

        /**
         * Sends {@code head} then each of {@code body}'s arrays, reads the whole answer and returns its status. A
         * connection the server closed while idle is opened anew once (nothing of the request was read then).
         */
        int exchange(byte[] head, byte[]... body) throws IOException {
            if (socket == null) {
                open();
            }
            try {
                return send(head, body);
            } catch (IOException closedWhileIdle) {
                open();
                return send(head, body);
            }
        }

        private int send(byte[] head, byte[][] body) throws IOException {
            out.write(head);
            for (byte[] b : body) {
                out.write(b);
            }
            out.flush();
            return readAnswer();
        }

        private int readAnswer() throws IOException {
            String status = line();
            if (status == null) {
                throw new IOException("closed");
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String h; (h = line()) != null && !h.isEmpty(); ) {
                int colon = h.indexOf(':');
                String name = h.substring(0, colon).trim();
                String value = h.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("content-length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("transfer-encoding") && value.equalsIgnoreCase("chunked")) {
                    chunked = true;
                } else if (name.equalsIgnoreCase("connection") && value.equalsIgnoreCase("close")) {
                    close = true;
                }
            }
            if (chunked) {
                for (long size; (size = Long.parseLong(line().trim(), 16)) > 0; ) {
                    skip(size);
                    line();
                }
                line(); // the empty line after the last chunk (no trailers)
            } else if (length >= 0) {
                skip(length);
            } else {
                close = true; // read to the end
                while (fill()) {
                    pos = lim;
                }
            }
            if (close) {
                reset();
            }
            return code;
        }

        private boolean fill() throws IOException {
            if (pos < lim) {
                return true;
            }
            int n = in.read(buf, 0, buf.length);
            if (n <= 0) {
                return false;
            }
            pos = 0;
            lim = n;
            return true;
        }

        private void skip(long n) throws IOException {
            while (n > 0) {
                if (!fill()) {
                    throw new IOException("closed mid-answer");
                }
                int take = (int) Math.min(n, lim - pos);
                pos += take;
                n -= take;
            }
        }

        /** A header line without its CRLF (ASCII), or null at the end of the stream. */
        private String line() throws IOException {
            StringBuilder sb = new StringBuilder(64);
            while (true) {
                if (!fill()) {
                    return sb.length() == 0 ? null : sb.toString();
                }
                byte b = buf[pos++];
                if (b == '\n') {
                    int len = sb.length();
                    return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
                }
                sb.append((char) (b & 0xff));
            }
        }

        @Override
        public void close() {
            reset();
        }

        /** Closes the socket; the next exchange opens a new one. */
        void reset() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                socket = null;
            }
        }
    }

    /** The head of a POST with a body of {@code length} bytes. */
    static byte[] postHead(String path, int port, int length) {
        return ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                        + "X-User: bench\r\nContent-Length: " + length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A provider that answers at once: {@code json} for a request body without {@code "stream":true} in its first
     * 40 bytes, else {@code sse} (as one write, with a Content-Length: the gateway reads it as it arrives either
     * way).
     */
    static final class FakeUpstream implements AutoCloseable {
        private final ServerSocket server;
        private final byte[] json;
        private final byte[] sse;
        private final Thread acceptor;

        FakeUpstream(String json, String sse) throws IOException {
            this.json = answer("application/json", json);
            this.sse = answer("text/event-stream", sse);
            server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
            acceptor = new Thread(this::accept, "fake-upstream-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        static byte[] answer(String type, String body) {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: " + type + "\r\nContent-Length: " + b.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] out = new byte[head.length + b.length];
            System.arraycopy(head, 0, out, 0, head.length);
            System.arraycopy(b, 0, out, head.length, b.length);
            return out;
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    s.setTcpNoDelay(true);
                    Thread t = new Thread(() -> serve(s), "fake-upstream");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void serve(Socket s) {
            byte[] buf = new byte[256 * 1024];
            try (s;
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream()) {
                int lim = 0;
                while (true) {
                    // the head: up to CRLF CRLF
                    int end;
                    while ((end = headEnd(buf, lim)) < 0) {
                        int n = in.read(buf, lim, buf.length - lim);
                        if (n <= 0) {
                            return;
                        }
                        lim += n;
                    }
                    int length = contentLength(buf, end);
                    int total = end + length;
                    if (total > buf.length) {
                        byte[] bigger = new byte[total];
                        System.arraycopy(buf, 0, bigger, 0, lim);
                        buf = bigger;
                    }
                    while (lim < total) {
                        int n = in.read(buf, lim, total - lim);
                        if (n <= 0) {
                            return;
                        }
                        lim += n;
                    }
                    boolean stream = contains(buf, end, Math.min(total, end + 40), STREAM_TRUE);
                    out.write(stream ? sse : json);
                    out.flush();
                    System.arraycopy(buf, total, buf, 0, lim - total);
                    lim -= total;
                }
            } catch (IOException gone) {
                // the gateway closed the connection
            }
        }

        private static final byte[] STREAM_TRUE = "\"stream\":true".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);

        /** The index just past the head's CRLF CRLF, or -1. */
        private static int headEnd(byte[] b, int lim) {
            for (int i = 3; i < lim; i++) {
                if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') {
                    return i + 1;
                }
            }
            return -1;
        }

        private static int contentLength(byte[] b, int end) {
            for (int i = 0; i + CONTENT_LENGTH.length < end; i++) {
                if (regionMatchesIgnoreCase(b, i, CONTENT_LENGTH)) {
                    int j = i + CONTENT_LENGTH.length;
                    while (b[j] == ' ') {
                        j++;
                    }
                    int n = 0;
                    while (b[j] >= '0' && b[j] <= '9') {
                        n = n * 10 + (b[j++] - '0');
                    }
                    return n;
                }
            }
            return 0;
        }

        private static boolean regionMatchesIgnoreCase(byte[] b, int at, byte[] lower) {
            for (int k = 0; k < lower.length; k++) {
                int c = b[at + k];
                if (c >= 'A' && c <= 'Z') {
                    c += 'a' - 'A';
                }
                if (c != lower[k]) {
                    return false;
                }
            }
            return true;
        }

        private static boolean contains(byte[] b, int from, int to, byte[] what) {
            outer:
            for (int i = from; i + what.length <= to; i++) {
                for (int k = 0; k < what.length; k++) {
                    if (b[i + k] != what[k]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
