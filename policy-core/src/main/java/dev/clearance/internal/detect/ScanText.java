package dev.clearance.internal.detect;

/**
 * One scan's text, copied once into a {@code char[]} that every pass of every built-in detector and of the
 * evasion analysis reads: no pass pays {@link String#charAt}'s bounds check and coder test per char (a text with
 * any char above U+00FF is stored as UTF-16, where each {@code charAt} is a checked two-byte read), and no
 * detector makes its own copy. The array is never written after construction and never shared outside the scan.
 * Internal: may change at any time.
 */
public final class ScanText {
    private final String string;
    private final char[] chars;

    private ScanText(String string, char[] chars) {
        this.string = string;
        this.chars = chars;
    }

    /** The scan text of {@code text}: its chars copied once. */
    public static ScanText of(String text) {
        return new ScanText(text, text.toCharArray());
    }

    /** The text, as given. */
    public String string() {
        return string;
    }

    /** The text's chars; callers read them and never write them. */
    public char[] chars() {
        return chars;
    }

    /** The text's length in UTF-16 units. */
    public int length() {
        return chars.length;
    }
}
