package dev.clearance.entities;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The words of a text (runs of letters and digits, with apostrophes inside), found in one pass, and the bounded
 * checks the recognizer makes on them. Index arguments past the last word are answered "no".
 */
final class Words {
    private static final Set<String> PARTICLES = Set.of(
            "van", "von", "de", "der", "den", "del", "della", "di", "da", "du", "le", "la", "bin", "al", "ten", "ter",
            "y", "zu", "dos", "das");

    final String text;
    final int size;
    private final int[] starts;
    private final int[] ends;

    /** Whether the text has no upper-case letter at all (written in lower case throughout). */
    final boolean lowerCase;

    private Words(String text, int[] starts, int[] ends, int size, boolean lowerCase) {
        this.text = text;
        this.starts = starts;
        this.ends = ends;
        this.size = size;
        this.lowerCase = lowerCase;
    }

    /** Whether word {@code i} starts a line (the first word, or a line break before it). */
    boolean lineStart(int i) {
        if (i == 0) {
            return true;
        }
        for (int c = ends[i - 1]; c < starts[i]; c++) {
            if (text.charAt(c) == '\n') {
                return true;
            }
        }
        return false;
    }

    /** Whether a colon follows word {@code i} right away ({@code Anna: ...}, a speaker or a label). */
    boolean colonAfter(int i) {
        return i < size && ends[i] < text.length() && text.charAt(ends[i]) == ':';
    }

    static Words of(String text) {
        int[] starts = new int[64];
        int[] ends = new int[64];
        int size = 0;
        int n = text.length();
        int i = 0;
        boolean upper = false;
        while (i < n) {
            if (!Character.isLetterOrDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int s = i;
            while (i < n) {
                char c = text.charAt(i);
                if (Character.isLetterOrDigit(c)) {
                    upper |= Character.isUpperCase(c);
                    i++;
                } else if ((c == '\'' || c == '\u2019') && i + 1 < n && Character.isLetter(text.charAt(i + 1))) {
                    i++;
                } else {
                    break;
                }
            }
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                ends = Arrays.copyOf(ends, size * 2);
            }
            starts[size] = s;
            ends[size] = i;
            size++;
        }
        return new Words(text, starts, ends, size, !upper);
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    int len(int i) {
        return i < size ? ends[i] - starts[i] : 0;
    }

    String word(int i) {
        return i < size ? text.substring(starts[i], ends[i]) : "";
    }

    String lower(int i) {
        return word(i).toLowerCase(Locale.ROOT);
    }

    /** The chars between word {@code k - 1} and word {@code k}. */
    String gap(int k) {
        if (k <= 0 || k >= size) {
            return "";
        }
        return text.substring(ends[k - 1], starts[k]);
    }

    private int gapLength(int k) {
        return k <= 0 || k >= size ? -1 : starts[k] - ends[k - 1];
    }

    boolean isDigits(int i) {
        if (i >= size) {
            return false;
        }
        for (int k = starts[i]; k < ends[i]; k++) {
            if (!isAsciiDigit(text.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    int num(int i) {
        return isDigits(i) && len(i) <= 4 ? Integer.parseInt(word(i)) : -1;
    }

    boolean isCapitalised(int i) {
        if (i >= size) {
            return false;
        }
        char first = text.charAt(starts[i]);
        if (!Character.isUpperCase(first)) {
            return false;
        }
        if (len(i) == 1) {
            return true;
        }
        for (int k = starts[i] + 1; k < ends[i]; k++) {
            if (Character.isLowerCase(text.charAt(k))) {
                return true;
            }
        }
        return false;
    }

    /** Whether word {@code i} is all letters in lower case. */
    boolean isLowerWord(int i) {
        if (i >= size) {
            return false;
        }
        for (int k = starts[i]; k < ends[i]; k++) {
            char c = text.charAt(k);
            if (!Character.isLowerCase(c) && c != '\'' && c != '\u2019') {
                return false;
            }
        }
        return true;
    }

    /** Two or more letters, all upper case (BERLIN, FORT-DE-FRANCE's words). */
    boolean isCapsWord(int i) {
        if (i >= size || len(i) < 2) {
            return false;
        }
        for (int k = starts[i]; k < ends[i]; k++) {
            if (!Character.isUpperCase(text.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /** A postcode: 3 to 6 digits, or letters and digits of 5 to 8 chars with a digit (UK and Canadian halves). */
    boolean isPostcodeLike(int i) {
        if (i >= size) {
            return false;
        }
        if (isDigits(i)) {
            return len(i) >= 3 && len(i) <= 6;
        }
        int digits = 0;
        for (int k = starts[i]; k < ends[i]; k++) {
            char c = text.charAt(k);
            if (isAsciiDigit(c)) {
                digits++;
            } else if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return digits > 0 && len(i) >= 2 && len(i) <= 4;
    }

    /** Whether the gap before word {@code k} is a comma or a line break (with spaces, quote marks such as ">"). */
    boolean gapIsBreak(int k) {
        int g = gapLength(k);
        if (g <= 0 || g > 8) {
            return false;
        }
        boolean separator = false;
        int newlines = 0;
        for (int c = ends[k - 1]; c < starts[k]; c++) {
            char ch = text.charAt(c);
            if (ch == ',' || ch == '\n') {
                separator = true;
                newlines += ch == '\n' ? 1 : 0;
            } else if (ch != ' ' && ch != '\t' && ch != '\r' && ch != '>' && ch != '?') {
                return false;
            }
        }
        return separator && newlines <= 1;
    }

    /** Whether the gap before word {@code k} is an empty line (two line breaks, spaces and quote marks). */
    boolean gapIsBlankLine(int k) {
        int g = gapLength(k);
        if (g < 2 || g > 8) {
            return false;
        }
        int newlines = 0;
        for (int c = ends[k - 1]; c < starts[k]; c++) {
            char ch = text.charAt(c);
            if (ch == '\n') {
                newlines++;
            } else if (ch != ' ' && ch != '\t' && ch != '\r' && ch != '>') {
                return false;
            }
        }
        return newlines == 2;
    }

    /** Two or three upper-case letters (a region code such as IL, NSW). */
    boolean isUpperWord(int i) {
        int len = len(i);
        if (len < 2 || len > 3) {
            return false;
        }
        for (int k = starts[i]; k < ends[i]; k++) {
            char c = text.charAt(k);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    /** 1 to 5 digits and at most one letter after them (12, 221b). */
    boolean isHouseNumber(int i) {
        if (i >= size) {
            return false;
        }
        int digits = 0;
        int k = starts[i];
        while (k < ends[i] && isAsciiDigit(text.charAt(k))) {
            k++;
            digits++;
        }
        return digits >= 1 && digits <= 5 && ends[i] - k <= 1 && (k == ends[i] || Character.isLetter(text.charAt(k)));
    }

    boolean isPostcode(int i) {
        return isDigits(i) && (len(i) == 4 || len(i) == 5);
    }

    boolean isYear(int i) {
        if (!isDigits(i) || len(i) != 4) {
            return false;
        }
        String g = gap(i);
        return g.equals(" ") || g.equals(", ") || g.equals(". ") || g.equals(" de ") || g.equals(" of ");
    }

    /** 1 or 2 digits with an optional st/nd/rd/th, a valid day, right after a space. */
    boolean isDayNumber(int i) {
        if (i >= size || !gap(i).equals(" ") && !gap(i).equals(" the ")) {
            return false;
        }
        String word = lower(i);
        String digits = word.replaceFirst("(st|nd|rd|th)$", "");
        if (digits.isEmpty() || digits.length() > 2 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        int d = Integer.parseInt(digits);
        return d >= 1 && d <= 31;
    }

    boolean isMonth(int i, Set<String> months) {
        return i < size && months.contains(lower(i));
    }

    boolean isParticle(int i) {
        return i < size && PARTICLES.contains(lower(i));
    }

    boolean sepIs(int k, String chars) {
        return gapLength(k) == 1 && chars.indexOf(text.charAt(starts[k] - 1)) >= 0;
    }

    boolean sameSep(int a, int b) {
        return gap(a).equals(gap(b));
    }

    boolean gapIsSpace(int k) {
        return gapIs(k, " ") || gapIs(k, ". ");
    }

    boolean gapIsSpaceOrT(int k) {
        return gapIs(k, " ") || gapIs(k, "T") || gapIs(k, ", ") || gapIs(k, " at ");
    }

    boolean gapIsSpaceOrHyphen(int k) {
        return gapIs(k, " ") || gapIs(k, "-") || gapIs(k, ". ");
    }

    boolean gapIsComma(int k) {
        return gapIs(k, ", ") || gapIs(k, ",") || gapIs(k, " ");
    }

    /** Whether the chars between word {@code k - 1} and word {@code k} are {@code s}; allocates nothing. */
    boolean gapIs(int k, String s) {
        if (k <= 0 || k >= size) {
            return s.isEmpty();
        }
        int a = ends[k - 1];
        return starts[k] - a == s.length() && text.startsWith(s, a);
    }

    /** Whether word {@code i} starts a sentence (first word, or after . ! ? or a line break). */
    boolean sentenceStart(int i) {
        if (i == 0) {
            return true;
        }
        String g = gap(i);
        for (int k = 0; k < g.length(); k++) {
            char c = g.charAt(k);
            if (c == '.' || c == '!' || c == '?' || c == '\n' || c == '"' || c == ':') {
                return true;
            }
        }
        return false;
    }

    /** Whether one of {@code phrases} (lower-case words) ends right before word {@code i}. */
    boolean rightBefore(int i, List<String[]> phrases) {
        for (String[] p : phrases) {
            if (phraseAt(i - p.length, p)) {
                return true;
            }
        }
        return false;
    }

    /** Whether one of {@code phrases} starts within the {@code n} words before word {@code i}. */
    boolean before(int i, int n, List<String[]> phrases) {
        for (int j = Math.max(0, i - n); j < i; j++) {
            for (String[] p : phrases) {
                if (j + p.length <= i && phraseAt(j, p)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean phraseAt(int j, String[] p) {
        if (j < 0 || j + p.length > size) {
            return false;
        }
        for (int k = 0; k < p.length; k++) {
            if (!wordIs(j + k, p[k])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether word {@code i}, in lower case, is {@code want} (lower case) without its trailing punctuation and its
     * dots ({@code "d.o.b"} is the word {@code dob}, {@code "name:"} the word {@code name}). Allocates nothing: cue
     * phrases are looked up at every word.
     */
    private boolean wordIs(int i, String want) {
        int cut = want.length();
        while (cut > 0 && !Character.isLetterOrDigit(want.charAt(cut - 1))) {
            cut--;
        }
        int t = starts[i];
        int e = ends[i];
        for (int k = 0; k < cut; k++) {
            char c = want.charAt(k);
            if (c == '.') {
                continue;
            }
            if (t >= e) {
                return false;
            }
            char x = text.charAt(t++);
            if (x != c && Character.toLowerCase(x) != c) {
                return false;
            }
        }
        return t == e;
    }

    /** Whether the words from {@code i} are {@code place} (lower case), one space or a hyphen apart. */
    boolean matches(int i, String[] place) {
        if (i + place.length > size) {
            return false;
        }
        for (int k = 0; k < place.length; k++) {
            if (k > 0 && !gapIsSpaceOrHyphen(i + k)) {
                return false;
            }
            if (!lower(i + k).equals(place[k])) {
                return false;
            }
        }
        return true;
    }
}
