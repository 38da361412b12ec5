package dev.clearance.gateway;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Server-sent events: reads them off an upstream stream, bounded, and writes them back. */
final class Sse {
    /** One event: its {@code event:} name (null for none), its data lines joined, other fields as they came. */
    record Event(String name, String data, List<String> otherFields) {
        String render() {
            return renderTo(new StringBuilder()).toString();
        }

        /** Appends the event as {@link #render()} gives it to {@code sb} (no string of its own); returns {@code sb}. */
        StringBuilder renderTo(StringBuilder sb) {
            if (name != null) {
                sb.append("event: ").append(name).append('\n');
            }
            for (String f : otherFields) {
                sb.append(f).append('\n');
            }
            if (data != null) {
                // one data line per line of the data, as data.split("\n", -1) cuts it
                int from = 0;
                for (int nl; (nl = data.indexOf('\n', from)) >= 0; from = nl + 1) {
                    sb.append("data: ").append(data, from, nl).append('\n');
                }
                sb.append("data: ").append(data, from, data.length()).append('\n');
            }
            return sb.append('\n');
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
    /** The bytes of the line read so far (its first {@link #lineLength}), reused from line to line. */
    private byte[] line = new byte[256];

    private int lineLength;
    private int eventBytes;
    private String name;
    /** The event's data when it has one line (most events); {@link #data} from its second line on. */
    private String dataLine;

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
            // the bytes up to the next newline (or the end of these bytes) are taken at once
            int from = bytes.position();
            int limit = bytes.limit();
            int nl = from;
            while (nl < limit && bytes.get(nl) != '\n') {
                nl++;
            }
            boolean ends = nl < limit;
            int taken = nl - from + (ends ? 1 : 0);
            eventBytes += taken;
            if (eventBytes > maxEventBytes || eventBytes < 0) {
                throw new Malformed("an upstream stream event is larger than limits.maxResponseBytes");
            }
            append(bytes, nl - from);
            if (ends) {
                bytes.get(); // the newline
                int n = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
                lineLength = 0;
                Event e = line(new String(line, 0, n, StandardCharsets.UTF_8));
                if (e != null) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /** Moves the next {@code n} of {@code bytes} to the end of the line read so far. */
    private void append(ByteBuffer bytes, int n) {
        if (lineLength + n > line.length) {
            line = java.util.Arrays.copyOf(line, Math.max(lineLength + n, line.length * 2));
        }
        bytes.get(line, lineLength, n);
        lineLength += n;
    }

    private Event line(String l) {
        if (l.isEmpty()) {
            eventBytes = 0;
            if (name == null && dataLine == null && data == null && other.isEmpty()) {
                return null;
            }
            Event e = new Event(name, data != null ? data.toString() : dataLine, other.isEmpty() ? List.of() : other);
            name = null;
            dataLine = null;
            data = null;
            if (!other.isEmpty()) {
                other = new ArrayList<>();
            }
            return e;
        }
        if (l.startsWith(":")) {
            return null; // a comment (keep-alive): nothing for the caller
        }
        int colon = l.indexOf(':');
        int fieldEnd = colon < 0 ? l.length() : colon;
        int valueFrom = colon < 0 ? l.length() : colon + 1;
        if (valueFrom < l.length() && l.charAt(valueFrom) == ' ') {
            valueFrom++;
        }
        if (field(l, fieldEnd, "data")) {
            String value = l.substring(valueFrom);
            if (dataLine == null && data == null) {
                dataLine = value;
            } else {
                if (data == null) {
                    data = new StringBuilder(dataLine);
                    dataLine = null;
                }
                data.append('\n').append(value);
            }
        } else if (field(l, fieldEnd, "event")) {
            name = l.substring(valueFrom);
        } else if (field(l, fieldEnd, "id") || field(l, fieldEnd, "retry")) {
            other.add(l.substring(0, fieldEnd) + ": " + l.substring(valueFrom));
        } else {
            throw new Malformed("the upstream stream has a field that is not server-sent events");
        }
        return null;
    }

    /** Whether the line's field (its first {@code fieldEnd} chars) is {@code name}. */
    private static boolean field(String l, int fieldEnd, String name) {
        return fieldEnd == name.length() && l.startsWith(name);
    }
}
