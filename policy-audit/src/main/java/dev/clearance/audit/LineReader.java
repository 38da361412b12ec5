package dev.clearance.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into lines in constant memory: a line longer than the maximum is skipped (its bytes are
 * read and dropped), bytes that are not UTF-8 are replaced and flagged. Lines end at LF; a CR before it is dropped.
 */
final class LineReader {
    private final InputStream in;
    private final int maxBytes;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int len;
    private byte[] line = new byte[1 << 12];
    private final CharsetDecoder strict = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final CharsetDecoder lenient = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);

    private long lineNo;
    private String text;
    private boolean tooLong;
    private boolean invalidUtf8;

    LineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** Advances to the next line; false at the end of the stream. */
    boolean next() throws IOException {
        int n = 0;
        boolean over = false;
        boolean any = false;
        while (true) {
            if (pos == len) {
                len = in.read(buf);
                pos = 0;
                if (len <= 0) {
                    len = 0;
                    if (!any) {
                        return false;
                    }
                    break;
                }
            }
            any = true;
            int start = pos;
            while (pos < len && buf[pos] != '\n') {
                pos++;
            }
            int chunk = pos - start;
            if (!over) {
                if (n + chunk > maxBytes) {
                    over = true;
                } else {
                    if (n + chunk > line.length) {
                        line = Arrays.copyOf(line, Math.min(Math.max(line.length * 2, n + chunk), maxBytes));
                    }
                    System.arraycopy(buf, start, line, n, chunk);
                    n += chunk;
                }
            }
            if (pos < len) {
                pos++; // the LF
                break;
            }
        }
        lineNo++;
        tooLong = over;
        invalidUtf8 = false;
        if (over) {
            text = null;
            if (line.length > (1 << 16)) {
                line = new byte[1 << 12]; // do not keep a huge buffer for the rest of the stream
            }
            return true;
        }
        if (n > 0 && line[n - 1] == '\r') {
            n--;
        }
        text = decode(n);
        return true;
    }

    private String decode(int n) throws CharacterCodingException {
        boolean ascii = true;
        for (int i = 0; i < n; i++) {
            if (line[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(line, 0, n, StandardCharsets.ISO_8859_1);
        }
        try {
            CharBuffer cb = strict.reset().decode(ByteBuffer.wrap(line, 0, n));
            return cb.toString();
        } catch (CharacterCodingException e) {
            invalidUtf8 = true;
            return lenient.reset().decode(ByteBuffer.wrap(line, 0, n)).toString();
        }
    }

    long lineNo() {
        return lineNo;
    }

    /** The line's text, or null when it was {@linkplain #tooLong() too long}. */
    String text() {
        return text;
    }

    boolean tooLong() {
        return tooLong;
    }

    boolean invalidUtf8() {
        return invalidUtf8;
    }
}
