package dev.clearance.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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

    private final InputStream in;
    private final int maxEventBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int eventBytes;

    Sse(InputStream in, int maxEventBytes) {
        this.in = in;
        this.maxEventBytes = maxEventBytes;
    }

    /** The next event, or null at the end of the stream (an event cut off by the end is dropped). */
    Event next() throws IOException {
        String name = null;
        StringBuilder data = null;
        List<String> other = new ArrayList<>();
        eventBytes = 0;
        while (true) {
            String l = readLine();
            if (l == null) {
                return null;
            }
            if (l.isEmpty()) {
                if (name == null && data == null && other.isEmpty()) {
                    continue;
                }
                return new Event(name, data == null ? null : data.toString(), other);
            }
            if (l.startsWith(":")) {
                continue; // a comment (keep-alive): nothing for the caller
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
        }
    }

    private String readLine() throws IOException {
        line.reset();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (++eventBytes > maxEventBytes) {
                throw new Malformed("an upstream stream event is larger than limits.maxResponseBytes");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
    }
}
