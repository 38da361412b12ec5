package dev.clearance.internal.detect.pii;

import dev.clearance.DetectionTuning;
import java.util.List;

/**
 * The built-in context words of the personal-data recognizers, in English, German, French and Spanish, as
 * {@link DetectionTuning} entries: the same mechanism a pack's {@code tuning.context} uses, applied before the
 * pack's own entries (which may add to or offset them). A word that names the identifier within
 * {@link #WINDOW} chars raises its confidence; for identifiers with no check digit (SSN, ITIN, NINO, national phone
 * numbers) the absence of every such word lowers it. Findings are never dropped by these entries alone (only a
 * {@code minConfidence} drops). Internal: may change at any time.
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
            new Entry("NL_BSN", false, "bsn", "burgerservicenummer", "sofinummer"),
            new Entry("CA_SIN", false, "sin", "social insurance", "numéro d'assurance sociale", "nas"),
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

    /** The built-in words of {@code type}, for documentation and tests; empty when it has none. */
    public static List<String> words(String type) {
        for (Entry e : ENTRIES) {
            if (e.type.equals(type)) {
                return e.words;
            }
        }
        return List.of();
    }

    private static DetectionTuning build() {
        DetectionTuning.Builder b = DetectionTuning.builder();
        for (Entry e : ENTRIES) {
            b.contextWords(e.type, e.words, RAISE, WINDOW);
            if (e.lowerWithout) {
                b.withoutContextWords(e.type, e.words, LOWER, WINDOW);
            }
        }
        return b.build();
    }

    private record Entry(String type, boolean lowerWithout, List<String> words) {
        Entry(String type, boolean lowerWithout, String... words) {
            this(type, lowerWithout, List.of(words));
        }
    }
}
