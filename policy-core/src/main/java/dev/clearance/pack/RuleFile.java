package dev.clearance.pack;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/** One rule file of a pack. */
public final class RuleFile {
    /** What a rule file holds, decided by its extension. */
    public enum Kind {
        DRL,
        DSL,
        DSLR,
        DECISION_TABLE_CSV,
        DECISION_TABLE_XLSX;

        /** The kind for a file name, or null when the extension is not a rule file's. */
        public static Kind of(String path) {
            String p = path.toLowerCase(Locale.ROOT);
            if (p.endsWith(".drl")) {
                return DRL;
            } else if (p.endsWith(".dslr")) {
                return DSLR;
            } else if (p.endsWith(".dsl")) {
                return DSL;
            } else if (p.endsWith(".csv")) {
                return DECISION_TABLE_CSV;
            } else if (p.endsWith(".xlsx")) {
                return DECISION_TABLE_XLSX;
            }
            return null;
        }
    }

    private final String path;
    private final Kind kind;
    private final byte[] bytes;

    private RuleFile(String path, byte[] bytes) {
        this.path = Objects.requireNonNull(path, "path");
        this.kind = Kind.of(path);
        if (kind == null) {
            throw new IllegalArgumentException("not a rule file (.drl, .dsl, .dslr, .csv, .xlsx): " + path);
        }
        this.bytes = bytes.clone();
    }

    /** A rule file; its kind comes from the extension of {@code path}. */
    public static RuleFile of(String path, byte[] bytes) {
        return new RuleFile(path, bytes);
    }

    /** A text rule file. */
    public static RuleFile of(String path, String text) {
        return new RuleFile(path, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Path relative to the pack, with {@code /} separators; used in diagnostics. */
    public String path() {
        return path;
    }

    public Kind kind() {
        return kind;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** The content as UTF-8 text. */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RuleFile f && f.path.equals(path) && Arrays.equals(f.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return path;
    }
}
