package dev.clearance.gateway;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Server-sent events: reads them off an upstream stream, bounded, and writes them back. */
final class Sse {
    /** One event: its {@code event:} name (null for none), its data lines joined, other fields as they came. */
    record Event(String name, String data, List<String> otherFields) {
        String render() {
            StringBuilder sb = new StringBuilder();
            if (name != null) {
                sb.append("event: ").append(name).append('\n');
            }
            for (String f : otherFields) {
                sb.append(f).append('\n');
            }
            if (data != null) {
                for (String line : data.split("\n", -1)) {
                    sb.append("data: ").append(line).append('\n');
                }
            }
            return sb.append('\n').toString();
        }

        static Event data(String name, String data) {
            return new Event(name, data, List.of());
        }
    }

    /** The upstream sent something that is not a well-formed event stream. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private final int maxEventBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int eventBytes;
    private String name;
    private StringBuilder data;
    private List<String> other = new ArrayList<>();

    /** A parser fed bytes as they arrive ({@link #feed(ByteBuffer)}): it never blocks and holds no thread. */
    Sse(int maxEventBytes) {
        this.maxEventBytes = maxEventBytes;
    }

    /**
     * Takes the next bytes of the stream; returns the events they complete, in order (an event cut by the end of
     * the stream is never returned).
     *
     * @throws Malformed when an event is larger than the limit or has a field that is not server-sent events
     */
    List<Event> feed(ByteBuffer bytes) {
        List<Event> out = new ArrayList<>();
        while (bytes.hasRemaining()) {
            byte b = bytes.get();
            if (++eventBytes > maxEventBytes) {
                throw new Malformed("an upstream stream event is larger than limits.maxResponseBytes");
            }
            if (b == '\n') {
                byte[] raw = line.toByteArray();
                line.reset();
                int n = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
                Event e = line(new String(raw, 0, n, StandardCharsets.UTF_8));
                if (e != null) {
                    out.add(e);
                }
            } else {
                line.write(b);
            }
        }
        return out;
    }

    private Event line(String l) {
        if (l.isEmpty()) {
            eventBytes = 0;
            if (name == null && data == null && other.isEmpty()) {
                return null;
            }
            Event e = new Event(name, data == null ? null : data.toString(), other);
            name = null;
            data = null;
            other = new ArrayList<>();
            return e;
        }
        if (l.startsWith(":")) {
            return null; // a comment (keep-alive): nothing for the caller
        }
        int colon = l.indexOf(':');
        String field = colon < 0 ? l : l.substring(0, colon);
        String value = colon < 0 ? "" : l.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> name = value;
            case "data" -> {
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            }
            case "id", "retry" -> other.add(field + ": " + value);
            default -> throw new Malformed("the upstream stream has a field that is not server-sent events");
        }
        return null;
    }
}
