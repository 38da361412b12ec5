package dev.clearance.internal.detect.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.Finding;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The check-digit and structure tests of the national identifiers, with numbers computed from each format's
 * published algorithm (not taken from any other scanner's tests).
 */
class NationalIdentifiersTest {
    private static List<Finding> scan(String text) {
        List<Finding> out = new ArrayList<>();
        new PiiDetector().detect(text, out::add);
        return out;
    }

    private static boolean found(String text, String value, String type) {
        int start = text.indexOf(value);
        return scan(text).stream()
                .anyMatch(f -> f.type().equals(type) && f.start() == start && f.end() == start + value.length());
    }

    @Test
    void ukNino_prefixDigitsAndSuffix() {
        assertThat(UkNino.valid("AB123456C")).isTrue();
        assertThat(UkNino.valid("AB123456E")).as("suffix A-D").isFalse();
        assertThat(UkNino.valid("DA123456A")).as("first letter D").isFalse();
        assertThat(UkNino.valid("AO123456A")).as("second letter O").isFalse();
        assertThat(UkNino.valid("GB123456A")).as("unallocated prefix").isFalse();
        assertThat(UkNino.valid("AB12345CC")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "my NI number is JT 48 20 17 B, thanks|JT 48 20 17 B",
                "NINO: jt482017b|jt482017b",
                "ni no jt 48 20 17 b on the form|jt 48 20 17 b",
                "written JT-48-20-17-B here|JT-48-20-17-B",
            })
    void ukNino_spacedAndLowerCase_areFound(String text, String value) {
        assertThat(found(text, value, "UK_NINO")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "JT 48 20 17 E is not a suffix",
                "QT 48 20 17 B has a prefix never issued",
                "GB 48 20 17 A is an unallocated prefix",
                "JT 48-20 17 B mixes separators",
                "JT 48 20 17 BX runs on",
                "jT 48 20 17 b mixes case"
            })
    void ukNino_writtenForms_keepTheStructureTest(String text) {
        assertThat(scan(text)).noneMatch(f -> f.type().equals("UK_NINO"));
    }

    @Test
    void ukNino_compactUpperCase_isReportedOnce() {
        assertThat(scan("NINO JT482017B"))
                .filteredOn(f -> f.type().equals("UK_NINO"))
                .hasSize(1);
    }

    @Test
    void deTaxId_iso7064AndDigitRepetition() {
        assertThat(DeTaxId.valid("65981274391")).isTrue();
        assertThat(DeTaxId.valid("65981274392")).as("check digit").isFalse();
        assertThat(DeTaxId.valid("05981274391")).as("leading zero").isFalse();
        assertThat(DeTaxId.valid("11345677908")).as("two digits repeated").isFalse();
        assertThat(DeTaxId.valid("23456789013"))
                .as("ten distinct digits, before 2016")
                .isTrue();
        assertThat(Recognize.group(new DeTaxId(), "65 981 274 391")).isTrue();
    }

    @Test
    void frNir_keyIs97MinusTheNumberMod97() {
        assertThat(FrNir.valid("185057800604830")).isTrue();
        assertThat(FrNir.valid("185057800604831")).as("key").isFalse();
        assertThat(FrNir.valid("585057800604830")).as("sex digit").isFalse();
        assertThat(FrNir.valid("185157800604830")).as("month 15").isFalse();
        assertThat(Recognize.group(new FrNir(), "1 85 05 78 006 048 30")).isTrue();
    }

    @Test
    void nlBsn_elevenTest() {
        assertThat(NlBsn.valid("123456782")).isTrue();
        assertThat(NlBsn.valid("123456781")).isFalse();
        assertThat(Recognize.group(new NlBsn(), "1234.56.782")).isTrue();
    }

    @Test
    void caSin_luhnAndFirstDigit() {
        assertThat(CaSin.valid("135792463")).isTrue();
        assertThat(CaSin.valid("135792464")).isFalse();
        assertThat(CaSin.valid("046271482")).as("leading 0").isFalse();
        assertThat(Recognize.group(new CaSin(), "135-792-463")).isTrue();
        assertThat(Recognize.group(new CaSin(), "135 792 463")).isTrue();
    }

    @Test
    void auTfn_weightedMod11() {
        assertThat(AuTfn.valid("876543210")).isTrue();
        assertThat(AuTfn.valid("876543211")).isFalse();
        assertThat(Recognize.group(new AuTfn(), "123 456 782")).isTrue();
    }

    @Test
    void brCpfAndCnpj_twoMod11Digits() {
        assertThat(BrCpf.valid("12345678909")).isTrue();
        assertThat(BrCpf.valid("12345678900")).isFalse();
        assertThat(BrCpf.valid("11111111111")).as("repeated digit").isFalse();
        assertThat(Recognize.group(new BrCpf(), "987.654.321-00")).isTrue();
        assertThat(BrCnpj.valid("11222333000181")).isTrue();
        assertThat(BrCnpj.valid("11222333000182")).isFalse();
        assertThat(Recognize.group(new BrCnpj(), "11.222.333/0001-81")).isTrue();
    }

    @Test
    void inPan_structureAndHolderStatus() {
        assertThat(InPan.valid("ABCPE1234F")).isTrue();
        assertThat(InPan.valid("ABCXE1234F")).as("status letter").isFalse();
        assertThat(InPan.valid("ABCPE12345")).isFalse();
    }

    @Test
    void swiftCode_structureAndCountry() {
        assertThat(SwiftCode.valid("DEUTDEFF500")).isTrue();
        assertThat(SwiftCode.valid("BANKXX22")).as("no such country").isFalse();
        assertThat(SwiftCode.valid("BANK1E22")).isFalse();
        assertThat(found("BIC DEUTDEFF500 for the transfer", "DEUTDEFF500", "SWIFT_CODE"))
                .isTrue();
    }

    @Test
    void abaRouting_checksumAndPrefix() {
        assertThat(AbaRouting.valid("111000025")).isTrue();
        assertThat(AbaRouting.valid("111000026")).isFalse();
        assertThat(AbaRouting.valid("991000025")).as("prefix 99").isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "routing number 111000025 for the wire|111000025|ABA_ROUTING_NUMBER",
                "SIN: 135792463|135792463|CA_SIN",
                "my TFN is 876543210|876543210|AU_TFN",
                "BSN 123456782 staat op de pas|123456782|NL_BSN",
                "CPF 12345678909 do cliente|12345678909|BR_CPF",
                "CNPJ 11222333000181 da empresa|11222333000181|BR_CNPJ",
                "passport number 340020013 issued|340020013|US_PASSPORT",
                "passport C03005988 renewed|C03005988|US_PASSPORT",
                "driver's license: D1234567 (CA)|D1234567|US_DRIVER_LICENSE",
                "NINO AB123456C on file|AB123456C|UK_NINO",
                "PAN ABCPE1234F linked|ABCPE1234F|IN_PAN",
                "Steuer-ID 65 981 274 391 bitte|65 981 274 391|DE_TAX_ID",
                "NIR 1 85 05 78 006 048 30 ok|1 85 05 78 006 048 30|FR_NIR",
            })
    void compactOrUnstructuredNumbers_areReportedWithTheirContextWord(String text, String value, String type) {
        assertThat(found(text, value, type)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "order 111000025 shipped",
                "ticket 135792463 closed",
                "invoice 876543210 paid",
                "item 123456782 restocked",
                "ref 12345678909 noted",
                "batch 340020013 done",
                "part D1234567 in stock",
                "since 135792463 users",
                "the database 111000025 rows",
                "handle 12345678 now"
            })
    void theSameNumbers_withoutContext_areNotNationalIds(String text) {
        assertThat(scan(text))
                .noneMatch(f -> List.of(
                                "ABA_ROUTING_NUMBER",
                                "CA_SIN",
                                "AU_TFN",
                                "NL_BSN",
                                "BR_CPF",
                                "US_PASSPORT",
                                "US_DRIVER_LICENSE")
                        .contains(f.type()));
    }

    @Test
    void nationalIds_areHighRisk_aBankCodeIsNot() {
        assertThat(scan("NINO AB123456C"))
                .filteredOn(f -> f.type().equals("UK_NINO"))
                .allMatch(Finding::highRisk);
        assertThat(scan("BIC DEUTDEFF500"))
                .filteredOn(f -> f.type().equals("SWIFT_CODE"))
                .noneMatch(Finding::highRisk);
    }
}
