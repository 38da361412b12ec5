package dev.clearance.entities;

import dev.clearance.Finding;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Postal addresses by their structure rather than their words, as addresses are written in most of Europe and the
 * Americas: a house or building number, a street name of capitalised words (or a street word such as "rue", "ul."),
 * a number, an optional flat or suite, then up to four locality parts (city, region code, country, postcode) each
 * after a comma or a line break; post-office and military boxes ({@code P.O. Box 12}, {@code Unit 1234 Box 567});
 * and street corners ({@code the corner of A 5 and B Street}). Every check looks ahead a bounded number of words.
 */
final class AddressBlocks {
    private static final Set<String> UNIT_WORDS =
            Set.of("apt", "apartment", "suite", "ste", "unit", "flat", "floor", "fl", "room", "bldg", "building");
    private static final Set<String> STREET_WORDS = Set.of(
            "ul",
            "al",
            "rue",
            "via",
            "viale",
            "calle",
            "avda",
            "av",
            "avenida",
            "rua",
            "travessa",
            "plac",
            "ulica",
            "út",
            "tér",
            "körút",
            "krt",
            "köz",
            "sor",
            "fasor",
            "rkp",
            "kapu",
            "gate",
            "gata",
            "terrasse",
            "allé",
            "plads",
            "torv",
            "stræde",
            "trg",
            "ulice",
            "cesta",
            "nám",
            "rúa",
            "utca",
            "tee",
            "tn",
            "str",
            "strada",
            "vej",
            "gade",
            "vegen",
            "veien",
            "gatan",
            "vägen",
            "katu",
            "tie",
            "kuja",
            "piazza",
            "corso",
            "chemin",
            "allée",
            "impasse",
            "quai",
            "route",
            "paseo",
            "camino",
            "carrera",
            "de",
            "del",
            "la",
            "le",
            "di",
            "da",
            "do",
            "dos",
            "das",
            "des",
            "du",
            "z",
            "u",
            "na",
            "am",
            "an",
            "der",
            "im",
            "van",
            "op",
            "den",
            "sq",
            "st",
            "street",
            "road",
            "rd");
    private static final int MAX_STREET_WORDS = 6;
    private static final int MAX_PARTS = 4;

    private AddressBlocks() {}

    /** The index after an address starting at word {@code i}, reported to {@code sink}; -1 when none starts there. */
    static int block(Words w, int i, Consumer<Finding> sink) {
        int start = i;
        int last = -1;
        boolean strong = false;
        if (w.lower(i).equals("the")
                && w.lower(i + 1).equals("corner")
                && w.lower(i + 2).equals("of")
                && w.gapIsSpace(i + 3)) {
            int a = street(w, i + 3, false);
            if (a < 0) {
                a = namedStreet(w, i + 3);
            }
            if (a > 0 && w.lower(a + 1).equals("and")) {
                int b = street(w, a + 2, false);
                if (b < 0) {
                    b = namedStreet(w, a + 2);
                }
                if (b > 0) {
                    sink.accept(finding(w, start, b, 0.75));
                    return b + 1;
                }
            }
            return -1;
        }
        Parts parts = new Parts();
        if (box(w, i) > 0) {
            last = box(w, i);
            strong = true;
            parts.add(i, last);
        } else if (w.isHouseNumber(i)) {
            int k = i + 1;
            if (w.isHouseNumber(k) && w.gapIsSpace(k)) {
                k++; // a second number ("12 221 Baker Street", a building and a street number)
            }
            if (box(w, k) > 0 && w.gapIsSpace(k)) {
                last = box(w, k);
                strong = true;
            } else {
                last = street(w, k, true);
                strong = last > 0 && w.isHouseNumber(last);
                if (last > 0 && w.lowerCase && !streetLike(w, k, last + 1)) {
                    last = -1; // in lower-case text any words are "names": a street word must say it is a street
                    strong = false;
                }
            }
            if (last > 0 && (k > i + 1 || strong)) {
                parts.add(i, i); // the building number, then the street with its own number
                parts.add(i + 1, last);
            } else if (last > 0) {
                parts.add(i, last);
            }
        } else if (w.isCapitalised(i) && !CommonWords.SET.contains(w.word(i))) {
            // Vesterskovvej 79 / ul. Cicha 86: a street word or a name ending like one, then a number
            int k = street(w, i, false);
            if (k > 0 && w.isHouseNumber(k) && (streetLike(w, i, k) || unit(w, k + 1) > 0)) {
                last = k;
                strong = true;
                parts.add(i, k);
            }
        }
        if (last < 0) {
            return -1;
        }
        int end = tail(w, last, parts);
        boolean twoNumbers = w.isHouseNumber(i) && w.isHouseNumber(i + 1) && w.gapIsSpace(i + 1);
        if (!strong && end == last && !(twoNumbers && last > i + 2)) {
            return -1;
        }
        boolean fields = parts.count > 1 && underName(w, start);
        if (!fields) {
            sink.accept(finding(w, start, end, 0.8));
        }
        if (fields || parts.count > 1 && twoNumbers && end == last) {
            for (int p = 0; p < parts.count; p++) {
                Finding f = finding(w, parts.first[p], parts.last[p], 0.6);
                if (f.start() != w.start(start) || f.end() != w.end(end)) {
                    sink.accept(Finding.pii("LOCATION", "address-part", f.start(), f.end(), 0.6, false));
                }
            }
        }
        return end + 1;
    }

    /**
     * Whether the address starts a line under a line that ends with a person's name (two or three capitalised
     * words, one of them a listed name): an addressee block, whose lines are fields of their own, each reported as
     * a part (rule {@code address-part}) instead of one span.
     */
    private static boolean underName(Words w, int start) {
        if (start < 2 || !w.lineStart(start)) {
            return false;
        }
        int last = start - 1;
        boolean listed = false;
        int words = 0;
        for (int j = last; j >= 0 && j > last - 3; j--) {
            if (!w.isCapitalised(j) || CommonWords.SET.contains(w.word(j))) {
                break;
            }
            words++;
            listed |= RuleEntityRecognizer.listedName(w.word(j));
            if (w.lineStart(j) || !w.gapIsSpace(j)) {
                break;
            }
        }
        return words >= 2 && listed;
    }

    /**
     * The parts of an address block (building number, street, unit, each locality part and code), also reported on
     * their own: a rule may treat a country or a city differently from a whole street address. Bounded: at most
     * {@link #MAX_PIECES}.
     */
    private static final class Parts {
        final int[] first = new int[MAX_PIECES];
        final int[] last = new int[MAX_PIECES];
        int count;

        void add(int a, int b) {
            if (count < MAX_PIECES && a >= 0 && b >= a) {
                first[count] = a;
                last[count] = b;
                count++;
            }
        }
    }

    private static final int MAX_PIECES = 16;

    private static Finding finding(Words w, int first, int last, double confidence) {
        int end = w.end(last);
        if (end < w.text.length() && w.text.charAt(end) == '.' && w.len(last) <= 4 && !w.isDigits(last)) {
            end++; // St. Apt.
        }
        return Finding.pii("LOCATION", "address-block", w.start(first), end, confidence, false);
    }

    /** "P.O. Box 12", "PO Box 12", "Unit 1234 Box 567", "PSC 1234, Box 567": the index of the last number. */
    private static int box(Words w, int i) {
        String a = w.lower(i);
        if ((a.equals("p") && w.lower(i + 1).equals("o") && w.lower(i + 2).equals("box") && w.isDigits(i + 3))) {
            return i + 3;
        }
        if (a.equals("po") && w.lower(i + 1).equals("box") && w.isDigits(i + 2)) {
            return i + 2;
        }
        if ((a.equals("unit") || a.equals("psc"))
                && w.isDigits(i + 1)
                && (w.gapIsSpace(i + 2) || w.gapIs(i + 2, ", "))
                && w.lower(i + 2).equals("box")
                && w.isDigits(i + 3)) {
            return i + 3;
        }
        return -1;
    }

    /**
     * From word {@code k}: up to six street-name words (capitalised, or street words such as "rue", "de") then a
     * house number; the index of the number, or with {@code nameOnly} and no number the last name word when a
     * street suffix ends it. -1 when the words do not make a street.
     */
    private static int street(Words w, int k, boolean nameOnly) {
        int named = 0;
        int lastName = -1;
        for (int j = k; j < w.size && j < k + MAX_STREET_WORDS + 1; j++) {
            if (j > k && !w.gapIsSpace(j) && !w.gapIs(j, "-") && !w.gapIs(j, ".")) {
                break;
            }
            if (named > 0 && w.isHouseNumber(j)) {
                return j;
            }
            if ((w.isCapitalised(j) || w.isCapsWord(j)) && !CommonWords.SET.contains(w.word(j))
                    || w.lowerCase && w.isLowerWord(j) && w.len(j) > 1 && !STREET_WORDS.contains(w.lower(j))) {
                named++;
                lastName = j;
            } else if (STREET_WORDS.contains(w.lower(j))) {
                lastName = j;
            } else {
                break;
            }
        }
        if (nameOnly && lastName > 0 && named > 0) {
            String lower = w.lower(lastName);
            if (RuleEntityRecognizer.STREET_SUFFIXES.contains(lower) || streetSuffix(lower)) {
                return lastName;
            }
        }
        return -1;
    }

    /** A run of capitalised words ending in a street suffix ("Leokadia Trail"): its last word, else -1. */
    private static int namedStreet(Words w, int k) {
        int last = -1;
        for (int j = k; j < w.size && j < k + 4; j++) {
            if (j > k && !w.gapIsSpace(j)) {
                break;
            }
            if (!w.isCapitalised(j)) {
                break;
            }
            last = j;
        }
        if (last > k) {
            String lower = w.lower(last);
            if (RuleEntityRecognizer.STREET_SUFFIXES.contains(lower) || streetSuffix(lower)) {
                int after = last + 1;
                if (w.lower(after).equals("st") && w.gapIsSpace(after)) {
                    return after;
                }
                return last;
            }
            int after = last + 1;
            if (w.lower(after).equals("st") || w.lower(after).equals("street")) {
                return after;
            }
        }
        return -1;
    }

    private static boolean streetSuffix(String lower) {
        return RuleEntityRecognizer.LISTS_STREET_SUFFIXES.contains(lower);
    }

    /** Whether the words from {@code i} to {@code k} read as a street: a street word, or a name ending like one. */
    private static boolean streetLike(Words w, int i, int k) {
        for (int j = i; j < k; j++) {
            String lower = w.lower(j);
            if (STREET_WORDS.contains(lower) && !lower.equals("de") && !lower.equals("la")) {
                return true;
            }
            for (String ending : STREET_ENDINGS) {
                if (lower.length() > ending.length() + 2 && lower.endsWith(ending)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final String[] STREET_ENDINGS = {
        "straße", "strasse", "str", "weg", "platz", "gasse", "allee", "vej", "gade", "vegen", "veien", "gatan", "vägen",
        "katu", "tie", "kuja", "straat", "laan", "gracht", "plein", "utca", "ulica", "vei", "veg", "braut", "stræde",
        "stigen", "torget", "weg"
    };

    /** "Apt. 12", "Suite 300", "Flat 2b": the index of the number, else -1. */
    private static int unit(Words w, int k) {
        if (UNIT_WORDS.contains(w.lower(k)) && w.isHouseNumber(k + 1)) {
            return k + 1;
        }
        return -1;
    }

    /**
     * After the street: a unit, then up to four parts (a capitalised or upper-case place of up to four words, a
     * region code, a postcode, a country), each after a comma or a line break; a postcode may follow a part on its
     * line. Returns the last word of the address.
     */
    private static int tail(Words w, int last, Parts parts) {
        int k = last + 1;
        if (k < w.size && (w.gapIsSpace(k) || w.gapIsBreak(k)) && unit(w, k) > 0) {
            last = unit(w, k);
            parts.add(k, last);
            k = last + 1;
        }
        for (int part = 0; part < MAX_PARTS && k < w.size; part++) {
            boolean sameLine = w.gapIsSpace(k);
            boolean afterBlankLine = part > 0 && w.gapIsBlankLine(k) && placeWord(w, k) && w.isPostcodeLike(k + 1);
            if (!w.gapIsBreak(k) && !(sameLine && part == 0 && placeWord(w, k)) && !afterBlankLine) {
                break;
            }
            int end;
            if (w.isPostcodeLike(k)) {
                end = k;
                if (w.gapIsSpace(k + 1) && placeWord(w, k + 1)) {
                    end = placeRun(w, k + 1); // 10115 Berlin
                }
            } else if (placeWord(w, k)) {
                end = placeRun(w, k);
            } else if (w.lower(k).equals("nan")) {
                end = k; // an empty field written by a generator or a spreadsheet
            } else {
                break;
            }
            parts.add(k, end);
            while (end + 1 < w.size && w.gapIsSpace(end + 1) && (w.isUpperWord(end + 1) || w.isPostcodeLike(end + 1))) {
                end++; // Springfield, IL 62704 / Germany 10069
                parts.add(end, end);
            }
            last = end;
            k = last + 1;
        }
        return last;
    }

    private static boolean placeWord(Words w, int k) {
        return (w.isCapitalised(k) || w.isCapsWord(k) || w.lowerCase && w.isLowerWord(k) && w.len(k) > 1)
                && !CommonWords.SET.contains(w.word(k))
                && !UNIT_WORDS.contains(w.lower(k));
    }

    private static int placeRun(Words w, int k) {
        int last = k;
        for (int j = k + 1; j < w.size && j < k + 4; j++) {
            if (!(w.gapIsSpace(j) || w.gapIs(j, "-") || w.gapIs(j, " ("))) {
                break;
            }
            if (placeWord(w, j) || w.isParticle(j) || w.len(j) <= 3 && w.isLowerWord(j) && placeWord(w, j + 1)) {
                last = j;
            } else {
                break;
            }
        }
        if (last + 1 < w.size && w.text.startsWith(")", w.end(last))) {
            return last; // Cyprus (Greek): the ")" is left out, the span still covers the words
        }
        return last;
    }
}
