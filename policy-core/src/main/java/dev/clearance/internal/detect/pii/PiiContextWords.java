package dev.clearance.internal.detect.pii;

import dev.clearance.DetectionTuning;
import java.util.List;

/**
 * The built-in context words of the personal-data recognizers, in English, German, French and Spanish, as
 * {@link DetectionTuning} entries: the same mechanism a pack's {@code tuning.context} uses, applied before the
 * pack's own entries (which may add to or offset them). A word that names the identifier within
 * {@link #WINDOW} chars raises its confidence; for identifiers with no check digit (SSN, ITIN, NINO, national phone
 * numbers) the absence of every such word lowers it. Findings are never dropped by these entries alone (only a
 * {@code minConfidence} drops). The gate words of the identifiers reported only after a word naming them (passport
 * and driver's-licence numbers, ABA routing numbers, compact SIN, TFN, BSN, CPF, CNPJ) are entries of the same
 * table: the recognizers read them from here ({@link #gate}); they are not confidence entries, as the
 * recognizer's confidence already counts the word it needed.
 * Internal: may change at any time.
 */
public final class PiiContextWords {
    static final int WINDOW = 40;
    static final double RAISE = 0.1;
    static final double LOWER = -0.1;

    private static final List<Entry> ENTRIES = List.of(
            new Entry(
                    "US_SSN",
                    true,
                    "ssn",
                    "social security",
                    "social security number",
                    "sozialversicherungsnummer",
                    "sécurité sociale",
                    "numéro de sécurité sociale",
                    "seguro social",
                    "número de seguro social"),
            new Entry("US_ITIN", true, "itin", "taxpayer identification", "tax id", "steuernummer", "numéro fiscal"),
            new Entry(
                    "UK_NINO",
                    true,
                    "nino",
                    "ni number",
                    "ni no",
                    "national insurance",
                    "national insurance number",
                    "versicherungsnummer",
                    "assurance nationale",
                    "seguro nacional"),
            new Entry(
                    "PHONE_NUMBER",
                    false,
                    "phone",
                    "tel",
                    "telephone",
                    "mobile",
                    "cell",
                    "call",
                    "fax",
                    "desk",
                    "landline",
                    "dial",
                    "sms",
                    "answering",
                    "whatsapp",
                    "telefon",
                    "handy",
                    "rufnummer",
                    "téléphone",
                    "portable",
                    "teléfono",
                    "móvil",
                    "celular"),
            new Entry(
                    "CREDIT_CARD",
                    false,
                    "card",
                    "credit card",
                    "visa",
                    "mastercard",
                    "amex",
                    "kreditkarte",
                    "karte",
                    "carte",
                    "carte bancaire",
                    "tarjeta",
                    "tarjeta de crédito"),
            new Entry("IBAN_CODE", false, "iban", "account", "bank", "konto", "bankverbindung", "compte", "cuenta"),
            new Entry("DE_TAX_ID", false, "steuer-id", "steueridentifikationsnummer", "idnr", "tax id", "tin"),
            new Entry(
                    "FR_NIR", false, "nir", "sécurité sociale", "numéro de sécurité sociale", "insee", "carte vitale"),
            new Entry("ES_NIF", false, "nif", "dni", "documento nacional", "identificación fiscal"),
            new Entry("ES_NIE", false, "nie", "número de identidad de extranjero", "extranjero"),
            new Entry("IT_FISCAL_CODE", false, "codice fiscale", "cf", "tessera sanitaria"),
            // gates: identifiers any number of the right length passes one time in ten (or that have no check
            // digit at all) are reported only after one of these words; near the finding each also raises it
            new Entry(Use.GATE, "US_PASSPORT", "passport", "reisepass", "passeport", "pasaporte"),
            new Entry(
                    Use.GATE,
                    "US_DRIVER_LICENSE",
                    "driver's license",
                    "driver license",
                    "drivers license",
                    "driving licence",
                    "dl",
                    "licence number",
                    "license number",
                    "license no"),
            new Entry(Use.GATE, "ABA_ROUTING_NUMBER", "routing", "aba", "rtn", "transit"),
            new Entry(Use.GATE, "CA_SIN", "sin", "social insurance", "assurance sociale", "nas"),
            new Entry(Use.GATE, "AU_TFN", "tfn", "tax file"),
            new Entry(Use.GATE, "NL_BSN", "bsn", "burgerservicenummer", "sofinummer", "sofi-nummer"),
            new Entry(Use.GATE, "BR_CPF", "cpf"),
            new Entry(Use.GATE, "BR_CNPJ", "cnpj"),
            new Entry(
                    "DATE_TIME",
                    false,
                    "born",
                    "dob",
                    "date of birth",
                    "birthday",
                    "geboren",
                    "geburtsdatum",
                    "né le",
                    "née le",
                    "date de naissance",
                    "nacido",
                    "nacida",
                    "fecha de nacimiento"));

    private static final DetectionTuning TUNING = build();

    private PiiContextWords() {}

    /** The built-in entries as one tuning. */
    public static DetectionTuning tuning() {
        return TUNING;
    }

    /**
     * The built-in words of {@code type}, for documentation and tests (for a gated type its gate words); empty
     * when it has none.
     */
    public static List<String> words(String type) {
        for (Entry e : ENTRIES) {
            if (e.type.equals(type)) {
                return e.words;
            }
        }
        return List.of();
    }

    /** The types reported only after one of their words ({@link #gate}). */
    public static List<String> gatedTypes() {
        List<String> out = new java.util.ArrayList<>();
        for (Entry e : ENTRIES) {
            if (e.use == Use.GATE) {
                out.add(e.type);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Whether one of the gate words of {@code type} occurs as a whole word in the {@link #WINDOW} chars before
     * {@code start}: the recognizers of the gated types report a candidate only then.
     *
     * @throws IllegalArgumentException when {@code type} has no gate words
     */
    static boolean gate(String type, String text, int start) {
        for (Entry e : ENTRIES) {
            if (e.type.equals(type) && e.use == Use.GATE) {
                if (Context.before(text, start, e.array)) {
                    return true;
                }
                java.util.Map<String, String[]> extra = EXTRA.get();
                String[] more = extra == null ? null : extra.get(type);
                return more != null && Context.before(text, start, more);
            }
        }
        throw new IllegalArgumentException("no gate words for " + type);
    }

    /** Gate words a pack added (its {@code tuning.context} words of a gated type), for the scan on this thread. */
    private static final ThreadLocal<java.util.Map<String, String[]>> EXTRA = new ThreadLocal<>();

    /** Runs {@code scan} with {@code extra} gate words (by type, lower case) besides the built-in ones. */
    static <T> T withGates(java.util.Map<String, String[]> extra, java.util.function.Supplier<T> scan) {
        java.util.Map<String, String[]> before = EXTRA.get();
        EXTRA.set(extra);
        try {
            return scan.get();
        } finally {
            if (before == null) {
                EXTRA.remove();
            } else {
                EXTRA.set(before);
            }
        }
    }

    /** {@code words} of the gated types only, in lower case, as arrays. */
    static java.util.Map<String, String[]> lowerGates(java.util.Map<String, List<String>> words) {
        java.util.Map<String, String[]> out = new java.util.HashMap<>();
        List<String> gated = gatedTypes();
        words.forEach((type, list) -> {
            if (gated.contains(type) && !list.isEmpty()) {
                out.put(
                        type,
                        list.stream()
                                .map(w -> w.toLowerCase(java.util.Locale.ROOT))
                                .toArray(String[]::new));
            }
        });
        return java.util.Map.copyOf(out);
    }

    private static DetectionTuning build() {
        DetectionTuning.Builder b = DetectionTuning.builder();
        for (Entry e : ENTRIES) {
            if (e.use == Use.GATE) {
                continue; // the recognizer's confidence already counts the word it needed
            }
            b.contextWords(e.type, e.words, RAISE, WINDOW);
            if (e.use == Use.LOWER_WITHOUT) {
                b.withoutContextWords(e.type, e.words, LOWER, WINDOW);
            }
        }
        return b.build();
    }

    /** What the words of an entry do besides raising the confidence of a finding near them. */
    private enum Use {
        RAISE,
        /** Their absence lowers it. */
        LOWER_WITHOUT,
        /** Without one of them before it, the recognizer reports nothing. */
        GATE
    }

    private record Entry(String type, Use use, List<String> words, String[] array) {
        Entry(String type, boolean lowerWithout, String... words) {
            this(type, lowerWithout ? Use.LOWER_WITHOUT : Use.RAISE, List.of(words), words.clone());
        }

        Entry(Use use, String type, String... words) {
            this(type, use, List.of(words), words.clone());
        }
    }
}
