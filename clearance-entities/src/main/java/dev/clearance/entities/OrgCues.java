package dev.clearance.entities;

import dev.clearance.Finding;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Organisations without a company suffix, by the words around them: after "work for", "worked at", "employed by",
 * "joined"; before "is a company", "website", "office", "headquarters"; and the two shapes firms are named in,
 * "Surname, Surname and Surname" and "Surname-Surname" (both surnames from the lists). Bounded look-ahead.
 */
final class OrgCues {
    private static final List<String[]> BEFORE = List.of(
            w("work", "for"),
            w("works", "for"),
            w("worked", "for"),
            w("working", "for"),
            w("work", "at"),
            w("works", "at"),
            w("worked", "at"),
            w("working", "at"),
            w("employed", "by"),
            w("employed", "at"),
            w("employee", "of"),
            w("employees", "of"),
            w("joined"),
            w("a", "year", "at"),
            w("years", "at"),
            w("ceo", "of"),
            w("cto", "of"),
            w("founder", "of"),
            w("according", "to", "the"),
            w("arbeite", "bei"),
            w("arbeitet", "bei"),
            w("travaille", "chez"),
            w("trabajo", "en"),
            w("trabaja", "en"));
    /** Words after a name that make it an organisation. */
    private static final Set<String> AFTER = Set.of(
            "website",
            "office",
            "offices",
            "headquarters",
            "hq",
            "employees",
            "staff",
            "shareholders",
            "subsidiary",
            "resignation",
            "startup",
            "customers");

    private static final Set<String> KINDS = Set.of(
            "company",
            "agency",
            "firm",
            "startup",
            "corporation",
            "bank",
            "nonprofit",
            "charity",
            "501",
            "business",
            "retailer",
            "manufacturer",
            "provider",
            "consultancy",
            "multinational",
            "conglomerate",
            "organisation",
            "organization",
            "brainchild",
            "publisher",
            "brand");

    private OrgCues() {}

    private static String[] w(String... words) {
        return words;
    }

    static int organisation(Words w, int i, Set<String> surnames, Set<String> givenNames, Consumer<Finding> sink) {
        if (!w.isCapitalised(i) || CommonWords.SET.contains(w.word(i))) {
            return -1;
        }
        // Surname, Surname and Surname
        if (surnames.contains(w.word(i))
                && w.gapIs(i + 1, ", ")
                && surnames.contains(w.word(i + 1))
                && w.lower(i + 2).equals("and")
                && w.gapIsSpace(i + 2)
                && w.gapIsSpace(i + 3)
                && surnames.contains(stem(w.word(i + 3)))) {
            sink.accept(finding(w.start(i), end(w, i + 3), "firm-names", 0.7));
            return i + 4;
        }
        // Surname-Surname, not after a given name (that is a person's double name)
        if (surnames.contains(w.word(i))
                && w.gapIs(i + 1, "-")
                && w.isCapitalised(i + 1)
                && surnames.contains(stem(w.word(i + 1)))
                && !(i > 0 && w.gapIsSpace(i) && givenNames.contains(w.word(i - 1)))
                && !givenNames.contains(w.word(i))) {
            sink.accept(finding(w.start(i), end(w, i + 1), "firm-names", 0.6));
            return i + 2;
        }
        int line = contactLine(w, i, surnames, givenNames);
        if (line >= 0) {
            sink.accept(finding(w.start(i), end(w, line), "contact-block", 0.6));
            return line + 1;
        }
        int last = run(w, i);
        boolean before = w.rightBefore(i, BEFORE) && !givenNames.contains(w.word(i));
        int next = last + 1;
        boolean after = next < w.size
                && w.gapIsSpace(next)
                && (AFTER.contains(w.lower(next))
                        || w.lower(next).equals("is")
                                && (w.lower(next + 1).equals("a")
                                        || w.lower(next + 1).equals("an"))
                                && (KINDS.contains(w.lower(next + 2)) || KINDS.contains(w.lower(next + 3))));
        boolean possessiveAfter =
                last >= i && w.word(last).endsWith("'s") && next < w.size && AFTER.contains(w.lower(next));
        if (before || after || possessiveAfter) {
            sink.accept(finding(w.start(i), end(w, last), "organisation-cue", 0.6));
            return last + 1;
        }
        return -1;
    }

    /**
     * The middle line of a contact block as letters and signatures are written: a person's name on the line before,
     * then this line of one to four capitalised words with no digit, then an address or the name again on the next
     * line ({@code Ann Carter / Carter Tools / 12 Main Street}). The last word of the line, or -1.
     */
    private static int contactLine(Words w, int i, Set<String> surnames, Set<String> givenNames) {
        if (i == 0 || !w.lineStart(i)) {
            return -1;
        }
        int last = i;
        while (last + 1 < w.size && !w.lineStart(last + 1)) {
            last++;
            if (last - i >= 4) {
                return -1;
            }
        }
        for (int j = i; j <= last; j++) {
            if (w.isDigits(j) || !(w.isCapitalised(j) || w.isCapsWord(j) || j > i && w.len(j) <= 3)) {
                return -1;
            }
        }
        int next = last + 1;
        if (next >= w.size) {
            return -1;
        }
        // the line before: two or three capitalised words, one of them a listed name
        int prev = i - 1;
        int prevStart = prev;
        while (prevStart > 0 && !w.lineStart(prevStart) && prev - prevStart < 3) {
            prevStart--;
        }
        if (!w.lineStart(prevStart) || !nameLine(w, prevStart, prev, surnames, givenNames)) {
            return -1;
        }
        boolean addressNext = w.isHouseNumber(next)
                || w.lower(next).equals("the") && w.lower(next + 1).equals("corner")
                || w.lower(next).equals("p") && w.lower(next + 1).equals("o")
                || w.lower(next).equals("unit")
                || w.lower(next).equals("psc");
        if (!addressNext) {
            int nextEnd = next;
            while (nextEnd + 1 < w.size && !w.lineStart(nextEnd + 1) && nextEnd - next < 3) {
                nextEnd++;
            }
            if (!nameLine(w, next, nextEnd, surnames, givenNames)) {
                return -1;
            }
        }
        return last;
    }

    /** Whether words {@code a..b} are a line of two or three capitalised words, one of them a listed name. */
    private static boolean nameLine(Words w, int a, int b, Set<String> surnames, Set<String> givenNames) {
        if (b - a < 1 || b - a > 2 || b + 1 < w.size && !w.lineStart(b + 1)) {
            return false;
        }
        boolean listed = false;
        for (int j = a; j <= b; j++) {
            if (!w.isCapitalised(j) || CommonWords.SET.contains(w.word(j))) {
                return false;
            }
            listed |= givenNames.contains(w.word(j)) || surnames.contains(w.word(j));
        }
        return listed;
    }

    /** Up to three capitalised words from {@code i}, one space apart: the last. */
    private static int run(Words w, int i) {
        int last = i;
        for (int j = i + 1; j < w.size && j < i + 3 && w.gapIsSpace(j); j++) {
            if (!w.isCapitalised(j)
                    || CommonWords.SET.contains(w.word(j))
                    || w.word(last).endsWith("'s")) {
                break;
            }
            last = j;
        }
        return last;
    }

    private static String stem(String word) {
        return word.endsWith("'s") ? word.substring(0, word.length() - 2) : word;
    }

    private static int end(Words w, int last) {
        return w.word(last).endsWith("'s") ? w.end(last) - 2 : w.end(last);
    }

    private static Finding finding(int start, int end, String rule, double confidence) {
        return Finding.pii("ORGANIZATION", rule, start, end, confidence, false);
    }
}
