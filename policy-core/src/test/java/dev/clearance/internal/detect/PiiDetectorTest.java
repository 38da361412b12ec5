package dev.clearance.internal.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.ContentScanner;
import dev.clearance.Finding;
import dev.clearance.FindingCategory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PiiDetectorTest {
    private static final ContentScanner SCANNER = ContentScanner.defaults();

    private static List<Finding> pii(String text, String type) {
        return SCANNER.scan(text).stream()
                .filter(f -> f.category() == FindingCategory.PII && f.type().equals(type))
                .toList();
    }

    private static void assertFound(String text, String value, String type) {
        int start = text.indexOf(value);
        assertThat(pii(text, type)).as(type).anySatisfy(f -> {
            assertThat(f.start()).isEqualTo(start);
            assertThat(f.end()).isEqualTo(start + value.length());
        });
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Write to jane.roe+news@mail.example.org today|jane.roe+news@mail.example.org|EMAIL_ADDRESS",
                "Card 5105 1051 0510 5100 on file|5105 1051 0510 5100|CREDIT_CARD",
                "Card 4012-8888-8888-1881 on file|4012-8888-8888-1881|CREDIT_CARD",
                "Pay to NL91 ABNA 0417 1643 00 please|NL91 ABNA 0417 1643 00|IBAN_CODE",
                "Pay to DE89370400440532013000.|DE89370400440532013000|IBAN_CODE",
                "SSN 219-09-9999 on the form|219-09-9999|US_SSN",
                "Call (212) 555-0199 or|(212) 555-0199|PHONE_NUMBER",
                "Call +33 1 42 68 53 00 now|+33 1 42 68 53 00|PHONE_NUMBER",
                "Ring 020 7946 0018 after six|020 7946 0018|PHONE_NUMBER",
                "Desk 201-555-0123x42, ask|201-555-0123x42|PHONE_NUMBER",
                "Desk (201) 555-0123 ext. 7 ask|(201) 555-0123 ext. 7|PHONE_NUMBER",
                "Fax 01.23.45.67.89 au bureau|01.23.45.67.89|PHONE_NUMBER",
                "Büro 030 12345678 anrufen|030 12345678|PHONE_NUMBER",
                "write to mailto:jane@example.org|jane@example.org|EMAIL_ADDRESS",
                "host 10.20.30.40 is down|10.20.30.40|IP_ADDRESS",
                "route fd00:1234::abcd/64 added|fd00:1234::abcd/64|IP_ADDRESS",
                "see https://docs.example.com/a?b=1, then|https://docs.example.com/a?b=1|URL",
                "nic 3c:22:fb:0a:11:9e up|3c:22:fb:0a:11:9e|MAC_ADDRESS",
                "NHS 943 476 5919 registered|943 476 5919|UK_NHS",
                "DNI 12345678Z emitido|12345678Z|ES_NIF",
                "PESEL 44051401359 w|44051401359|PL_PESEL",
                "Aadhaar 2341 2341 2346 card|2341 2341 2346|IN_AADHAAR",
                "NRIC S1234567D issued|S1234567D|SG_NRIC_FIN",
                "hetu 131052-308T ok|131052-308T|FI_PERSONAL_IDENTITY_CODE",
                "btc 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2 sent|1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2|CRYPTO",
            })
    void validIdentifier_isFoundWithExactSpan(String text, String value, String type) {
        assertFound(text, value, type);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Card 4012 8888 8888 1882 on file|CREDIT_CARD",
                "Pay to NL91 ABNA 0417 1643 01 please|IBAN_CODE",
                "SSN 000-12-3456|US_SSN",
                "SSN 666-12-3456|US_SSN",
                "SSN 123-00-4567|US_SSN",
                "SSN 123-45-0000|US_SSN",
                "version 1.2.3.4000 released|IP_ADDRESS",
                "octets 300.1.2.3 invalid|IP_ADDRESS",
                "ratio 1:2:3:4 and std::vector|IP_ADDRESS",
                "NHS 943 476 5918 registered|UK_NHS",
                "DNI 12345678A emitido|ES_NIF",
                "btc 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3 sent|CRYPTO",
                "my email is someone@localhost|EMAIL_ADDRESS",
                "released on 2024-01-31 at noon|PHONE_NUMBER",
                "population 1 000 000 people|PHONE_NUMBER",
                "SSN 000-12-3456|PHONE_NUMBER",
                "Tel 01.23.45.67.89 here|IP_ADDRESS",
                "logged 2024-01-31 10:15 UTC|PHONE_NUMBER",
                "db postgres://admin:pw@db.internal/app|EMAIL_ADDRESS",
                "mirror ftp://anonymous@files.example.org/pub|EMAIL_ADDRESS",
                "db mysql://root:hunter2!x@db.example.com/app|EMAIL_ADDRESS",
                "queue amqp://svc:a$b&c;d=e@mq.example.net:5672|EMAIL_ADDRESS",
                "cache redis://:s3cr(e)t*x@cache.example.org:6379/0|EMAIL_ADDRESS",
            })
    void nearMiss_isNotReported(String text, String type) {
        assertThat(pii(text, type)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "write to mailto:ann.lee@example.org today",
                "contact: ann.lee@example.org",
                "it's ann!lee@example.org",
            })
    void anAddressAfterAColonOrOtherPunctuation_isStillAnAddress(String text) {
        assertThat(pii(text, "EMAIL_ADDRESS")).hasSize(1);
    }

    @Test
    void highRisk_isSetForFinancialAndGovernmentIds() {
        assertThat(pii("card 4111 1111 1111 1111", "CREDIT_CARD")).allMatch(Finding::highRisk);
        assertThat(pii("ssn 219-09-9999", "US_SSN")).allMatch(Finding::highRisk);
        assertThat(pii("mail a.b@example.com", "EMAIL_ADDRESS")).noneMatch(Finding::highRisk);
    }

    @Test
    void ipv4InsideMappedIpv6_isReportedOnceAsTheWholeAddress() {
        String text = "peer ::ffff:192.0.2.33 connected";
        assertThat(pii(text, "IP_ADDRESS"))
                .singleElement()
                .satisfies(f -> assertThat(text.substring(f.start(), f.end())).isEqualTo("::ffff:192.0.2.33"));
    }
}
