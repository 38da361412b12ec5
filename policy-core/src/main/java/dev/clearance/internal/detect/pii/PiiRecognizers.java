package dev.clearance.internal.detect.pii;

import java.util.ArrayList;
import java.util.List;

/**
 * Every built-in PII recognizer, listed once. A new identifier type is one class implementing
 * {@link WordRecognizer} or {@link DigitGroupRecognizer}, one line here and one test. Order matters within a
 * pass: recognizers run in this order, and an exclusive digit-group match stops the ones after it.
 */
public final class PiiRecognizers {
    public static final List<PiiRecognizer> ALL = List.of(
            // words
            new Iban(),
            new FiHetu(),
            new EsNif(),
            new EsNie(),
            new SgNric(),
            new ItFiscalCode(),
            new UkNino(),
            new InPan(),
            new SwiftCode(),
            new UsPassport(),
            new UsDriverLicense(),
            new Bitcoin(),
            // digit groups (the national numbers are not exclusive: a card or phone reading still gets a look)
            new DeTaxId(),
            new FrNir(),
            new NlBsn(),
            new CaSin(),
            new AuTfn(),
            new AbaRouting(),
            new BrCpf(),
            new BrCnpj(),
            new CreditCard(),
            new UsSsn(),
            new UsItin(),
            new InAadhaar(),
            new UkNhs(),
            new PlPesel(),
            new Phone());

    private PiiRecognizers() {}

    /** Word length (0 to {@code maxWord}) to the word recognizers whose gate admits it, in registry order. */
    static WordRecognizer[][] byLength(int maxWord) {
        WordRecognizer[][] table = new WordRecognizer[maxWord + 1][];
        for (int len = 0; len <= maxWord; len++) {
            List<WordRecognizer> admitted = new ArrayList<>();
            for (PiiRecognizer r : ALL) {
                if (r instanceof WordRecognizer w && w.minLength() <= len && len <= w.maxLength()) {
                    admitted.add(w);
                }
            }
            table[len] = admitted.toArray(new WordRecognizer[0]);
        }
        return table;
    }

    /** Digit count (0 to the largest any gate admits) to the digit-group recognizers admitting it, in order. */
    static DigitGroupRecognizer[][] byDigits() {
        int max = 0;
        for (PiiRecognizer r : ALL) {
            if (r instanceof DigitGroupRecognizer d) {
                max = Math.max(max, d.maxDigits());
            }
        }
        DigitGroupRecognizer[][] table = new DigitGroupRecognizer[max + 1][];
        for (int count = 0; count <= max; count++) {
            List<DigitGroupRecognizer> admitted = new ArrayList<>();
            for (PiiRecognizer r : ALL) {
                if (r instanceof DigitGroupRecognizer d && d.minDigits() <= count && count <= d.maxDigits()) {
                    admitted.add(d);
                }
            }
            table[count] = admitted.toArray(new DigitGroupRecognizer[0]);
        }
        return table;
    }
}
