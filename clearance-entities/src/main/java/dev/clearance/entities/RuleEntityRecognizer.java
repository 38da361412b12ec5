package dev.clearance.entities;

import dev.clearance.Finding;
import dev.clearance.spi.EntityRecognizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Names, places, organisations and dates by rules and word lists, in one linear pass over the words of the text:
 * every check looks ahead a bounded number of words. Reports {@code PERSON} (a given name from the lists followed by
 * capitalised words, or capitalised words after an honorific or "my name is"), {@code LOCATION} (street addresses
 * in English, German, French and Spanish forms, a postcode and a city, countries, regions and cities from the
 * lists), {@code ORGANIZATION} (capitalised words ending in a company suffix) and {@code DATE_TIME} (written dates;
 * surer after "born", "DOB", "date of birth", "geboren", "né le", "nacido"). Found by {@link java.util.ServiceLoader}
 * as an {@link EntityRecognizer}. Immutable and thread-safe; keeps no text.
 */
public final class RuleEntityRecognizer implements EntityRecognizer {
    private static final Gazetteer LISTS = Gazetteer.load();
    /** The street-type words of the lists, lower case. */
    static final Set<String> LISTS_STREET_SUFFIXES = LISTS.streetSuffixes;

    static final Set<String> HONORIFICS = Set.of(
            "mr",
            "mrs",
            "ms",
            "miss",
            "mx",
            "dr",
            "prof",
            "sir",
            "madam",
            "dame",
            "lord",
            "lady",
            "herr",
            "frau",
            "monsieur",
            "madame",
            "mademoiselle",
            "mme",
            "mlle",
            "señor",
            "señora",
            "señorita",
            "sr",
            "sra",
            "srta",
            "don",
            "doña",
            "signor",
            "signora",
            "dott",
            "mevrouw",
            "meneer",
            "dhr",
            "mevr");
    private static final List<String[]> NAME_TRIGGERS = List.of(
            w("my", "name", "is"),
            w("name", "is"),
            w("i", "am"),
            w("i'm"),
            w("name:"),
            w("called"),
            w("named"),
            w("ich", "heiße"),
            w("ich", "heisse"),
            w("je", "m'appelle"),
            w("je", "suis"),
            w("me", "llamo"),
            w("mi", "nombre", "es"),
            w("soy"),
            w("mein", "name", "ist"),
            w("signed"),
            w("regards,"),
            w("dear"),
            w("hi"),
            w("hello"),
            w("contact"));
    /** Cues after which capitalised words (or, in lower-case text, listed names) are a person. */
    private static final List<String[]> STRONG_NAME_CUES = List.of(
            w("my", "name", "is"),
            w("name", "is"),
            w("name:"),
            w("call", "me"),
            w("calls", "me"),
            w("called"),
            w("named"),
            w("says"),
            w("said"),
            w("asked"),
            w("told"),
            w("tell"),
            w("thanks"),
            w("thank", "you"),
            w("directed", "by"),
            w("written", "by"),
            w("starring"),
            w("producer"),
            w("director"),
            w("author"),
            w("ich", "heiße"),
            w("je", "m'appelle"),
            w("me", "llamo"),
            w("mi", "nombre", "es"),
            w("mein", "name", "ist"),
            w("last", "name"),
            w("my", "kid"),
            w("my", "son"),
            w("my", "daughter"),
            w("my", "wife"),
            w("my", "husband"),
            w("my", "brother"),
            w("my", "sister"),
            w("my", "mother"),
            w("my", "father"),
            w("my", "friend"),
            w("my", "colleague"),
            w("my", "boss"),
            w("first", "name"),
            w("full", "name"),
            w("partner's", "name"));
    /** Verbs that, right after a capitalised word at the start of a sentence, make it the name of a person. */
    private static final Set<String> PERSON_VERBS = Set.of(
            "lives",
            "lived",
            "said",
            "says",
            "told",
            "wrote",
            "writes",
            "works",
            "worked",
            "began",
            "listed",
            "spent",
            "asked",
            "replied",
            "explained",
            "called",
            "emailed",
            "visited",
            "moved",
            "married",
            "sent",
            "gave",
            "wants",
            "wanted",
            "needs",
            "thinks",
            "believes",
            "felt",
            "feels",
            "agreed",
            "joined",
            "met",
            "shouted");

    /** Of {@link #PERSON_VERBS}, those only people do: after any capitalised word at a sentence start, a name. */
    private static final Set<String> HUMAN_VERBS = Set.of(
            "lives",
            "lived",
            "said",
            "says",
            "told",
            "wrote",
            "shouted",
            "married",
            "replied",
            "explained",
            "thinks",
            "believes",
            "felt",
            "feels",
            "spent");

    static final Set<String> STREET_SUFFIXES = Set.of(
            "street",
            "st",
            "avenue",
            "ave",
            "road",
            "rd",
            "boulevard",
            "blvd",
            "lane",
            "ln",
            "drive",
            "dr",
            "court",
            "ct",
            "place",
            "pl",
            "way",
            "terrace",
            "parkway",
            "pkwy",
            "square",
            "sq",
            "circle",
            "cir",
            "highway",
            "hwy",
            "crescent",
            "close",
            "row",
            "trail",
            "plaza",
            "alley",
            "walk",
            "grove",
            "gardens",
            "mews",
            "hill",
            "park",
            "path",
            "pike",
            "point",
            "ridge",
            "run",
            "view",
            "loop",
            "creek",
            "heights",
            "station",
            "crossing",
            "junction",
            "mill",
            "manor",
            "meadow",
            "meadows",
            "springs",
            "village",
            "green",
            "gate");
    static final Set<String> STREET_WORDS_BEFORE = Set.of(
            "rue",
            "avenue",
            "av",
            "boulevard",
            "bd",
            "place",
            "chemin",
            "allée",
            "impasse",
            "quai",
            "route",
            "calle",
            "avenida",
            "plaza",
            "paseo",
            "carrera",
            "camino",
            "via",
            "viale",
            "piazza",
            "corso");
    private static final String[] GERMAN_STREET_ENDINGS = {
        "straße",
        "strasse",
        "str",
        "weg",
        "platz",
        "gasse",
        "allee",
        "ring",
        "damm",
        "ufer",
        "chaussee",
        "laan",
        "straat",
        "gracht",
        "plein",
        "steig",
        "pfad"
    };
    static final Set<String> ORG_SUFFIXES = Set.of(
            "inc",
            "ltd",
            "llc",
            "llp",
            "plc",
            "corp",
            "corporation",
            "company",
            "co",
            "group",
            "gmbh",
            "ag",
            "sa",
            "sarl",
            "sas",
            "bv",
            "nv",
            "kg",
            "se",
            "spa",
            "srl",
            "sl",
            "oy",
            "ab",
            "as",
            "pty",
            "limited",
            "incorporated",
            "holdings",
            "partners",
            "associates",
            "industries",
            "technologies",
            "solutions",
            "systems",
            "bank",
            "university",
            "institute",
            "foundation",
            "ministry",
            "agency",
            "hospital",
            "council",
            "school",
            "college",
            "society",
            "labs",
            "studios",
            "consulting",
            "services",
            "enterprises");
    private static final List<String[]> PLACE_CUES = List.of(
            w("city", "of"),
            w("town", "of"),
            w("village", "of"),
            w("university", "of"),
            w("home", "city"),
            w("home", "town"),
            w("hometown"),
            w("flew", "to"),
            w("moved", "to"),
            w("returned", "to"),
            w("lives", "in"),
            w("living", "in"),
            w("born", "in"),
            w("based", "in"),
            w("wohnt", "in"),
            w("habite", "à"),
            w("vive", "en"));
    private static final Set<String> PLACE_PREPOSITIONS = Set.of(
            "in", "from", "to", "near", "at", "visit", "visiting", "via", "nach", "aus", "à", "en", "de", "desde");
    private static final List<String[]> DOB_CONTEXT = List.of(
            w("born"),
            w("dob"),
            w("d.o.b"),
            w("date", "of", "birth"),
            w("birthday"),
            w("birth", "date"),
            w("geboren"),
            w("geburtsdatum"),
            w("né"),
            w("née"),
            w("naissance"),
            w("nacido"),
            w("nacida"),
            w("nacimiento"),
            w("nato"),
            w("nata"));
    static final String[] MONTHS = {
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "januar",
        "februar",
        "märz",
        "mai",
        "juni",
        "juli",
        "oktober",
        "dezember",
        "janvier",
        "février",
        "mars",
        "avril",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre"
    };
    private static final Set<String> MONTH_SET = Set.of(MONTHS);

    private static final String PERSON = "PERSON";
    private static final String LOCATION = "LOCATION";
    private static final String ORGANIZATION = "ORGANIZATION";
    private static final String DATE_TIME = "DATE_TIME";

    private static String[] w(String... words) {
        return words;
    }

    @Override
    public String id() {
        return "entities";
    }

    @Override
    public void detect(String text, Consumer<Finding> sink) {
        detectCounting(text, sink);
    }

    /** Detects and returns the work done: words looked at, each counted once per bounded look-ahead step. */
    public long detectCounting(String text, Consumer<Finding> sink) {
        Words words = Words.of(text);
        long work = 0;
        int i = 0;
        while (i < words.size) {
            int next = date(text, words, i, sink);
            if (next < 0) {
                next = AddressBlocks.block(words, i, sink);
            }
            if (next < 0) {
                next = address(text, words, i, sink);
            }
            if (next < 0) {
                next = organisation(text, words, i, sink);
            }
            if (next < 0) {
                next = OrgCues.organisation(words, i, LISTS.surnames, LISTS.givenNames, sink);
            }
            if (next < 0) {
                next = person(text, words, i, sink);
            }
            if (next < 0) {
                next = place(text, words, i, sink);
            }
            work += next < 0 ? 1 : next - i;
            i = next < 0 ? i + 1 : next;
        }
        return work + text.length();
    }

    private static Finding finding(String type, String rule, int start, int end, double confidence) {
        return Finding.pii(type, rule, start, end, confidence, false);
    }

    // ---- dates -------------------------------------------------------------------------------------------------

    private static int date(String text, Words w, int i, Consumer<Finding> sink) {
        int end = -1;
        int last = -1;
        if (w.isDigits(i)) {
            int len = w.len(i);
            if (len == 4
                    && w.sepIs(i + 1, "-/.")
                    && w.isDigits(i + 1)
                    && w.isDigits(i + 2)
                    && w.sameSep(i + 1, i + 2)
                    && month(w.num(i + 1))
                    && day(w.num(i + 2))) {
                last = i + 2; // 2024-01-31
            } else if (len <= 2
                    && w.sepIs(i + 1, "-/.")
                    && w.isDigits(i + 1)
                    && w.len(i + 1) <= 2
                    && w.isDigits(i + 2)
                    && (w.len(i + 2) == 4 || w.len(i + 2) == 2)
                    && w.sameSep(i + 1, i + 2)
                    && (month(w.num(i)) && day(w.num(i + 1)) || day(w.num(i)) && month(w.num(i + 1)))) {
                last = i + 2; // 31.01.2024, 01/31/24
            } else if (len <= 2 && day(w.num(i)) && w.isMonth(i + 1, MONTH_SET)) {
                last = i + 1; // 12 March 1985, 12. März 1985
                if (w.isYear(i + 2)) {
                    last = i + 2;
                }
            }
        } else if (w.isMonth(i, MONTH_SET) && w.isCapitalised(i)) {
            if (w.isDayNumber(i + 1)) {
                last = i + 1; // March 12, 1985
                if (w.isYear(i + 2)) {
                    last = i + 2;
                }
            } else if (w.isYear(i + 1)) {
                last = i + 1; // March 1985
            }
        }
        if (last < 0) {
            return -1;
        }
        end = w.end(last);
        int t = last + 1;
        if (t < w.size
                && w.isDigits(t)
                && w.len(t) <= 2
                && w.sepIs(t + 1, ":")
                && w.isDigits(t + 1)
                && w.gapIsSpaceOrT(t)) {
            t++; // a time after the date
            end = w.end(t);
            if (w.sepIs(t + 1, ":") && w.isDigits(t + 1)) {
                t++;
                end = w.end(t);
            }
        }
        double confidence = w.before(i, 5, DOB_CONTEXT) ? 0.85 : 0.6;
        sink.accept(finding(DATE_TIME, confidence > 0.8 ? "date-of-birth" : "date", w.start(i), end, confidence));
        return t + 1;
    }

    private static boolean month(int m) {
        return m >= 1 && m <= 12;
    }

    private static boolean day(int d) {
        return d >= 1 && d <= 31;
    }

    // ---- street addresses --------------------------------------------------------------------------------------

    private static int address(String text, Words w, int i, Consumer<Finding> sink) {
        int last = -1;
        if (w.isHouseNumber(i)) {
            // 221 Baker Street / 12 rue de la Paix
            if (i + 1 < w.size && STREET_WORDS_BEFORE.contains(w.lower(i + 1))) {
                last = namedRun(w, i + 2, 5, true);
            } else {
                int k = i + 1;
                while (k < w.size && k <= i + 4 && w.isCapitalised(k) && w.gapIsSpace(k)) {
                    if (k > i + 1
                            && (STREET_SUFFIXES.contains(w.lower(k)) || LISTS.streetSuffixes.contains(w.lower(k)))) {
                        last = k;
                        break;
                    }
                    k++;
                }
            }
        } else if (w.isCapitalised(i)
                && (germanStreet(w.lower(i)) || LISTS.streetRoots.contains(w.lower(i)))
                && w.isHouseNumber(i + 1)
                && w.gapIsSpace(i + 1)) {
            last = i + 1; // Hauptstraße 5
        } else if (STREET_WORDS_BEFORE.contains(w.lower(i)) && w.isCapitalised(i)) {
            int k = namedRun(w, i + 1, 4, true);
            if (k > i && w.isHouseNumber(k + 1)) {
                last = k + 1; // Calle Mayor 5
            }
        }
        if (last < 0) {
            return -1;
        }
        last = addressTail(w, last);
        sink.accept(finding(LOCATION, "street-address", w.start(i), w.end(last), 0.8));
        return last + 1;
    }

    /** The last word of a run of up to {@code max} capitalised words (or lower-case particles) from {@code k}. */
    private static int namedRun(Words w, int k, int max, boolean particles) {
        int last = -1;
        for (int j = k; j < w.size && j < k + max && w.gapIsSpace(j); j++) {
            if (w.isCapitalised(j)) {
                last = j;
            } else if (!(particles && w.isParticle(j))) {
                break;
            }
        }
        return last;
    }

    private static boolean germanStreet(String lower) {
        for (String e : GERMAN_STREET_ENDINGS) {
            if (lower.endsWith(e) && lower.length() > e.length() + 2 || lower.equals(e)) {
                return true;
            }
        }
        return false;
    }

    /**
     * After a street: an apartment or suite, then ", city", ", region", a postcode, as far as they follow
     * ({@code , Springfield, IL 62704}; {@code , 10115 Berlin}).
     */
    private static int addressTail(Words w, int last) {
        int k = last + 1;
        if (k < w.size
                && w.gapIsComma(k)
                && Set.of("apt", "suite", "unit", "flat", "apartment").contains(w.lower(k))
                && k + 1 < w.size
                && (w.isDigits(k + 1) || w.isHouseNumber(k + 1))) {
            last = k + 1;
            k = last + 1;
        }
        for (int part = 0; part < 3 && k < w.size && w.gapIsComma(k); part++) {
            if (w.isPostcode(k) && k + 1 < w.size && w.isCapitalised(k + 1) && w.gapIsSpace(k + 1)) {
                int c = namedRun(w, k + 1, 3, false);
                last = c;
            } else if (w.isCapitalised(k) || w.isUpperWord(k)) {
                int c = namedRun(w, k, 3, false);
                if (c < 0) {
                    c = k;
                }
                last = c;
                if (c + 1 < w.size && w.isPostcode(c + 1) && w.gapIsSpace(c + 1)) {
                    last = c + 1;
                }
            } else {
                break;
            }
            k = last + 1;
        }
        return last;
    }

    // ---- organisations -----------------------------------------------------------------------------------------

    private static int organisation(String text, Words w, int i, Consumer<Finding> sink) {
        if (!w.isCapitalised(i)
                || CommonWords.SET.contains(w.word(i)) && !w.lower(i).equals("the")) {
            return -1;
        }
        for (int k = i + 1; k < w.size && k <= i + 6; k++) {
            boolean connector = w.gapIsSpace(k) || w.gapIsComma(k) || w.gapIs(k, "-") || w.gapIs(k, " & ");
            if (!connector) {
                return -1;
            }
            String lower = w.lower(k);
            if (ORG_SUFFIXES.contains(lower) && (w.isCapitalised(k) || w.isUpperWord(k)) && k > i) {
                int end = w.end(k);
                if (end < text.length() && text.charAt(end) == '.' && lower.length() <= 4) {
                    end++;
                }
                sink.accept(finding(ORGANIZATION, "organisation-suffix", w.start(i), end, 0.75));
                return k + 1;
            }
            if (lower.equals("and") && k + 1 < w.size && w.lower(k + 1).equals("sons")) {
                sink.accept(finding(ORGANIZATION, "organisation-suffix", w.start(i), w.end(k + 1), 0.75));
                return k + 2;
            }
            if (!(w.isCapitalised(k) || lower.equals("and") || lower.equals("of") || lower.equals("&"))) {
                return -1;
            }
        }
        return -1;
    }

    // ---- people ------------------------------------------------------------------------------------------------

    private static int person(String text, Words w, int i, Consumer<Finding> sink) {
        boolean strongCue = w.rightBefore(i, STRONG_NAME_CUES);
        if (!w.isCapitalised(i)) {
            int list = peopleList(w, i, sink);
            if (list >= 0) {
                return list;
            }
            if (w.isCapitalised(i + 1)
                    && w.len(i) <= 12
                    && w.isLowerWord(i)
                    && HONORIFICS.contains(w.lower(i))
                    && !w.lower(i).equals("don")
                    && w.gapIsSpace(i + 1)) {
                int last = nameRun(w, i + 1, 3); // ms. Carter, in a sentence written without capitals
                if (last >= 0) {
                    sink.accept(finding(PERSON, "honorific", w.start(i + 1), nameEnd(w, last), 0.8));
                    return last + 1;
                }
            }
            // text in lower case: a listed name right after a cue such as "my name is"
            if (w.lowerCase && w.isLowerWord(i) && (w.lineStart(i) && w.colonAfter(i) || !strongCue)) {
                int last = lowerCaseName(w, i);
                if (last >= 0) {
                    sink.accept(finding(PERSON, "lower-case-name", w.start(i), nameEnd(w, last), 0.6));
                    return last + 1;
                }
            }
            if (strongCue && w.isLowerWord(i) && LISTS.lowerNames.contains(w.lower(i))) {
                int last = i;
                if (w.gapIsSpace(i + 1) && w.isLowerWord(i + 1) && LISTS.lowerNames.contains(w.lower(i + 1))) {
                    last = i + 1;
                }
                sink.accept(finding(PERSON, "name-cue", w.start(i), nameEnd(w, last), 0.7));
                return last + 1;
            }
            return -1;
        }
        String word = w.word(i);
        boolean honorific = HONORIFICS.contains(w.lower(i).replace(".", ""));
        if (honorific) {
            int last = nameRun(w, i + 1, 3);
            if (last < 0) {
                return -1;
            }
            sink.accept(finding(PERSON, "honorific", w.start(i + 1), nameEnd(w, last), 0.85));
            return last + 1;
        }
        if (CommonWords.SET.contains(word) || w.rightBefore(i, PLACE_CUES)) {
            return -1; // after "moved to", "born in": a place, whatever the lists say
        }
        int initialled = initialledName(w, i);
        if (initialled >= 0) {
            sink.accept(finding(PERSON, "initialled-name", w.start(i), nameEnd(w, initialled), 0.75));
            return initialled + 1;
        }
        boolean given = LISTS.givenNames.contains(stem(word));
        boolean surname = LISTS.surnames.contains(stem(word));
        boolean triggered = w.rightBefore(i, NAME_TRIGGERS);
        if (addressed(w, i, given || surname)) {
            sink.accept(finding(PERSON, "addressed", w.start(i), nameEnd(w, i), 0.6));
            return i + 1;
        }
        boolean pairAfterTrigger = triggered && w.gapIsSpace(i + 1) && !possessive(w, i) && nameRun(w, i + 1, 2) >= 0;
        if (given || triggered && surname || pairAfterTrigger || strongCue && !MONTH_SET.contains(w.lower(i))) {
            int last = possessive(w, i) ? -1 : nameRun(w, i + 1, 3);
            if (last >= 0) {
                sink.accept(finding(PERSON, "given-name", w.start(i), nameEnd(w, last), 0.8));
                return last + 1;
            }
            boolean nextLower = i + 1 < w.size && w.gapIsSpace(i + 1) && !w.isCapitalised(i + 1) && !w.isDigits(i + 1);
            if (given && !LISTS.oneWordPlace(w.lower(i)) && (!w.sentenceStart(i) || nextLower)
                    || (given || surname) && w.lineStart(i) && w.colonAfter(i)
                    || triggered
                    || strongCue) {
                sink.accept(finding(PERSON, "given-name", w.start(i), nameEnd(w, i), strongCue ? 0.7 : 0.6));
                return i + 1;
            }
        }
        // an unlisted given name before a listed surname (Cormac Allan), or a capitalised word at the start of a
        // sentence before a verb people do (Trivo lives ...)
        if (!LISTS.oneWordPlace(w.lower(i)) && !STREET_WORDS_BEFORE.contains(w.lower(i))) {
            boolean nextName = !possessive(w, i)
                    && w.gapIsSpace(i + 1)
                    && w.isCapitalised(i + 1)
                    && w.len(i + 1) > 1
                    && !CommonWords.SET.contains(stem(w.word(i + 1)))
                    && !(w.isHouseNumber(i + 2) && w.gapIsSpace(i + 2))
                    && !nonNameWord(w, i + 1)
                    && LISTS.places.get(w.lower(i + 1)) == null
                    && LISTS.places.get(w.lower(i)) == null;
            boolean listedNext = nextName && LISTS.surnames.contains(stem(w.word(i + 1)));
            // two capitalised words, one of them a listed name, and a letter outside ASCII in the other (Jožef
            // Albin): no English sentence starts like that; or a line holding just the two (a name line)
            boolean foreign = nextName
                    && (given
                            || surname
                            || LISTS.givenNames.contains(stem(w.word(i + 1)))
                            || listedNext
                            || !w.sentenceStart(i))
                    && (nonAscii(w.word(i)) || nonAscii(w.word(i + 1)));
            boolean nameLine = nextName
                    && w.lineStart(i)
                    && (i + 2 >= w.size || w.lineStart(i + 2))
                    && (LISTS.givenNames.contains(stem(w.word(i + 1))) || listedNext);
            if (listedNext && !LISTS.givenNames.contains(stem(w.word(i + 1))) || foreign || nameLine) {
                sink.accept(finding(PERSON, "name-surname", w.start(i), nameEnd(w, i + 1), 0.6));
                return i + 2;
            }
            boolean isFrom = w.lower(i + 1).equals("is") && w.lower(i + 2).equals("from") && w.gapIsSpace(i + 2);
            if (w.sentenceStart(i)
                    && (given || surname || HUMAN_VERBS.contains(w.lower(i + 1)) || isFrom)
                    && w.gapIsSpace(i + 1)
                    && (PERSON_VERBS.contains(w.lower(i + 1)) || isFrom)) {
                sink.accept(finding(PERSON, "name-verb", w.start(i), nameEnd(w, i), 0.6));
                return i + 1;
            }
        }
        return -1;
    }

    /**
     * A name with a middle initial, the shape of a person's name whatever its words: a capitalised word, one
     * capital letter (with or without a full stop), a capitalised word ({@code Ann B. Carter}, {@code Ann B Carter}).
     * The last word of the name, or -1.
     */
    private static int initialledName(Words w, int i) {
        int k = i + 1;
        if (k + 1 >= w.size
                || w.len(i) < 2
                || LISTS.oneWordPlace(w.lower(i))
                || STREET_WORDS_BEFORE.contains(w.lower(i))
                || nonNameWord(w, i)
                || w.len(k) != 1
                || !Character.isUpperCase(w.text.charAt(w.start(k)))
                || !w.gapIs(k, " ")
                || !w.gapIsSpace(k + 1)
                || !w.isCapitalised(k + 1)
                || w.len(k + 1) < 2
                || CommonWords.SET.contains(stem(w.word(k + 1)))
                || nonNameWord(w, k + 1)
                || w.isHouseNumber(k + 2) && w.gapIsSpace(k + 2)) {
            return -1;
        }
        return k + 1;
    }

    /**
     * In a text written all in lower case: a listed given name and a listed surname ({@code ann carter}), or at the
     * start of a line before a colon a listed given name alone (a speaker, {@code ann: ...}). The last word, or -1.
     */
    private static int lowerCaseName(Words w, int i) {
        String first = w.lower(i);
        if (!LISTS.lowerGiven.contains(first)) {
            return -1;
        }
        if (w.lineStart(i) && w.colonAfter(i)) {
            return i;
        }
        if (i + 1 < w.size
                && w.gapIs(i + 1, " ")
                && w.isLowerWord(i + 1)
                && (LISTS.lowerSurnames.contains(stem(w.lower(i + 1))) || nonAscii(w.word(i + 1)) && w.len(i + 1) > 2)
                && !LISTS.lowerGiven.contains(w.lower(i + 1))) {
            return i + 1;
        }
        // benjamin a seiler / ann b. carter: a listed given name, an initial, a word
        if (i + 2 < w.size
                && w.gapIs(i + 1, " ")
                && w.len(i + 1) == 1
                && w.isLowerWord(i + 1)
                && w.gapIsSpace(i + 2)
                && w.isLowerWord(i + 2)
                && w.len(i + 2) > 2
                && !CommonWords.LOWER_PROSE.contains(w.lower(i + 2))
                && (LISTS.lowerSurnames.contains(stem(w.lower(i + 2))) || w.gapIs(i + 2, ". "))) {
            return i + 2;
        }
        return -1;
    }

    /** Words after which a colon opens a list of people ({@code our founders: A, B and C}). */
    private static final Set<String> PEOPLE_PLURALS = Set.of(
            "founders",
            "cofounders",
            "co-founders",
            "children",
            "kids",
            "sons",
            "daughters",
            "siblings",
            "friends",
            "guests",
            "speakers",
            "authors",
            "members",
            "grandchildren",
            "cousins",
            "parents",
            "attendees");
    /** Words after "Name, " at the start of a line that make the name a person spoken to. */
    private static final Set<String> VOCATIVE_NEXT = Set.of(
            "can", "could", "would", "will", "please", "do", "did", "are", "have", "i", "you", "thanks", "thank", "we");

    private static final List<String[]> GREETINGS = List.of(w("hi"), w("hello"), w("dear"), w("hey"), w("thanks"));
    private static final int MAX_LIST = 8;

    /**
     * After a word for people and a colon, a list of one- or two-word capitalised names separated by commas and
     * "and": each a person. The index after the list, or -1.
     */
    private static int peopleList(Words w, int i, Consumer<Finding> sink) {
        if (!w.colonAfter(i) || !PEOPLE_PLURALS.contains(w.lower(i))) {
            return -1;
        }
        int k = i + 1;
        int found = 0;
        while (k < w.size && found < MAX_LIST && w.isCapitalised(k) && !CommonWords.SET.contains(w.word(k))) {
            int last = k;
            if (w.gapIsSpace(k + 1) && w.isCapitalised(k + 1) && !CommonWords.SET.contains(w.word(k + 1))) {
                last = k + 1;
            }
            sink.accept(finding(PERSON, "people-list", w.start(k), nameEnd(w, last), 0.6));
            found++;
            k = last + 1;
            if (k < w.size && w.lower(k).equals("and") && w.gapIsSpace(k)) {
                k++;
            } else if (!(k < w.size && w.gapIs(k, ", "))) {
                break;
            } else if (k < w.size && w.lower(k).equals("and")) {
                k++;
            }
        }
        return found > 0 ? k : -1;
    }

    /**
     * A person spoken to or speaking, by the layout: {@code Name, can you ...} or {@code Hi Name,} and a speaker at
     * the start of a line ({@code Name: ...}; listed, or with a letter outside ASCII, or before a quotation).
     */
    private static boolean addressed(Words w, int i, boolean listed) {
        boolean comma = i + 1 < w.size && w.text.charAt(w.end(i)) == ',';
        boolean lineStart = w.lineStart(i);
        if (comma && lineStart && w.gapIs(i + 1, ", ") && VOCATIVE_NEXT.contains(w.lower(i + 1))) {
            return true;
        }
        if (comma && w.rightBefore(i, GREETINGS)) {
            return true;
        }
        if (lineStart && w.colonAfter(i) && i + 1 < w.size) {
            String after = w.gap(i + 1);
            return listed || nonAscii(w.word(i)) || after.startsWith(": \"") || after.startsWith(":\"");
        }
        return false;
    }

    private static boolean nonAscii(String word) {
        for (int k = 0; k < word.length(); k++) {
            char c = word.charAt(k);
            if (c > 0x7f && Character.isLetter(c)) {
                return true;
            }
        }
        return false;
    }

    /** A word with a possessive ending ('s) ends a name: "Ann Lee's book" is the name "Ann Lee". */
    private static boolean possessive(Words w, int j) {
        String word = w.word(j);
        return word.endsWith("'s") || word.endsWith("\u2019s");
    }

    private static String stem(String word) {
        return word.endsWith("'s") || word.endsWith("\u2019s") ? word.substring(0, word.length() - 2) : word;
    }

    private static int nameEnd(Words w, int last) {
        return possessive(w, last) ? w.end(last) - 2 : w.end(last);
    }

    private static boolean nonNameWord(Words w, int j) {
        String lower = w.lower(j);
        return ORG_SUFFIXES.contains(lower)
                || STREET_SUFFIXES.contains(lower)
                || LISTS.streetSuffixes.contains(lower)
                || MONTH_SET.contains(lower);
    }

    /** The last of up to {@code max} capitalised name words (or initials, particles such as "van", "de") from k. */
    private static int nameRun(Words w, int k, int max) {
        int last = -1;
        for (int j = k; j < w.size && j < k + max + 1 && w.gapIsSpaceOrHyphen(j); j++) {
            String word = w.word(j);
            if (w.isCapitalised(j)
                    && !CommonWords.SET.contains(stem(word))
                    && !nonNameWord(w, j)
                    && !(w.isHouseNumber(j + 1) && w.gapIsSpace(j + 1))) {
                last = j;
                if (possessive(w, j)) {
                    break;
                }
            } else if (!(w.isParticle(j) && j + 1 < w.size && w.isCapitalised(j + 1))) {
                break;
            }
        }
        return last;
    }

    // ---- places ------------------------------------------------------------------------------------------------

    private static int place(String text, Words w, int i, Consumer<Finding> sink) {
        if (w.isPostcode(i)
                && i + 1 < w.size
                && w.isCapitalised(i + 1)
                && w.gapIs(i + 1, " ")
                && !CommonWords.SET.contains(w.word(i + 1))
                && !(yearLike(w, i) && LISTS.places.get(w.lower(i + 1)) == null)) {
            int last = namedRun(w, i + 1, 2, false);
            sink.accept(finding(LOCATION, "postcode-city", w.start(i), w.end(last), 0.7));
            return last + 1;
        }
        if (w.lowerCase
                && i > 0
                && w.isLowerWord(i)
                && PLACE_PREPOSITIONS.contains(w.lower(i - 1))
                && w.gapIsSpace(i)) {
            // a text in lower case: a listed place after "in", "from", "to"
            List<String[]> listed = LISTS.places.get(w.lower(i));
            int best = -1;
            if (listed != null) {
                for (String[] place : listed) {
                    if (w.matches(i, place) && i + place.length - 1 > best) {
                        best = i + place.length - 1;
                    }
                }
            }
            if (best >= 0) {
                sink.accept(finding(LOCATION, "place-name", w.start(i), w.end(best), 0.6));
                return best + 1;
            }
        }
        if (!w.isCapitalised(i) && !w.isUpperWord(i) && !w.isCapsWord(i)) {
            return -1;
        }
        List<String[]> candidates = LISTS.places.get(w.lower(i));
        if (candidates != null) {
            int best = -1;
            for (String[] place : candidates) {
                if (w.matches(i, place) && i + place.length - 1 > best) {
                    best = i + place.length - 1;
                }
            }
            if (best >= 0 && (best > i || w.len(i) > 2)) {
                sink.accept(finding(LOCATION, "place-name", w.start(i), w.end(best), 0.75));
                return best + 1;
            }
        }
        if (w.rightBefore(i, PLACE_CUES)
                && (w.isCapitalised(i) || w.isCapsWord(i))
                && w.gapIsSpace(i)
                && !CommonWords.SET.contains(w.word(i))) {
            int last = i;
            for (int j = i + 1; j < w.size && j < i + 3 && w.gapIsSpaceOrHyphen(j); j++) {
                if (!(w.isCapitalised(j) || w.isCapsWord(j)) || CommonWords.SET.contains(w.word(j))) {
                    break;
                }
                last = j;
            }
            sink.accept(finding(LOCATION, "place-cue", w.start(i), w.end(last), 0.65));
            return last + 1;
        }
        if (i > 0
                && PLACE_PREPOSITIONS.contains(w.lower(i - 1))
                && w.gapIsSpace(i)
                && w.isLowerWord(i - 1)
                && w.isCapsWord(i)
                && w.len(i) >= 5) {
            // a place name written in capitals after "in", "to", "from" (an acronym is shorter)
            int last = i;
            for (int j = i + 1; j < w.size && j < i + 3 && w.gapIsSpaceOrHyphen(j) && w.isCapsWord(j); j++) {
                last = j;
            }
            sink.accept(finding(LOCATION, "after-preposition", w.start(i), w.end(last), 0.5));
            return last + 1;
        }
        if (i > 0
                && PLACE_PREPOSITIONS.contains(w.lower(i - 1))
                && w.isLowerWord(i - 1)
                && w.gapIsSpace(i)
                && w.isCapitalised(i)
                && !CommonWords.SET.contains(w.word(i))
                && !MONTH_SET.contains(w.lower(i))) {
            int last = namedRun(w, i, 3, false);
            sink.accept(finding(LOCATION, "after-preposition", w.start(i), w.end(last), 0.5));
            return last + 1;
        }
        return -1;
    }

    /** A four-digit number from 1900 to 2099: a year as often as a postcode. */
    private static boolean yearLike(Words w, int i) {
        int n = w.num(i);
        return w.len(i) == 4 && n >= 1900 && n <= 2099;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** Whether {@code word} is a listed given name or surname. */
    static boolean listedName(String word) {
        return LISTS.givenNames.contains(word) || LISTS.surnames.contains(word);
    }

    /** For tests: the number of given names, surnames and places loaded. */
    static int[] listSizes() {
        return new int[] {LISTS.givenNames.size(), LISTS.surnames.size(), LISTS.places.size()};
    }

    static List<String> typesOf(List<Finding> findings) {
        List<String> out = new ArrayList<>();
        for (Finding f : findings) {
            out.add(f.type());
        }
        return out;
    }
}
