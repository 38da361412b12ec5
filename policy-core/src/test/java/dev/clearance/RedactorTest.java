package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.internal.engine.Redactor;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void apply_sameValueTwice_getsSamePlaceholder_otherValueNext() {
        String text = "mail a@x.io, b@x.io and a@x.io";
        RedactionResult r = Redactor.apply(
                text, List.of(email(5, 11), email(13, 19), email(24, 30)), RedactionStyle.placeholders());

        assertThat(r.content()).isEqualTo("mail [EMAIL_ADDRESS_1], [EMAIL_ADDRESS_2] and [EMAIL_ADDRESS_1]");
        assertThat(r.restore(r.content())).isEqualTo(text);
    }

    @Test
    void apply_overlappingFindings_mergeUnderTheMostSevereType() {
        String text = "url https://user:pw@host.example/x end";
        Finding url = Finding.pii("URL", "url", 4, 34, 0.9, false);
        Finding secret = Finding.secret("password-in-url", 17, 19, 0.9);

        RedactionResult r = Redactor.apply(text, List.of(url, secret), RedactionStyle.placeholders());

        assertThat(r.content()).isEqualTo("url [SECRET_1] end");
        assertThat(r.redactions()).singleElement().satisfies(x -> {
            assertThat(x.type()).isEqualTo("SECRET");
            assertThat(x.start()).isEqualTo(4);
            assertThat(x.end()).isEqualTo(34);
        });
    }

    @Test
    void apply_surrogatePairsAndCrlf_keepSpansAndCharactersIntact() {
        String text = "😀😀\r\nkey=abc\r\n😀";
        int start = text.indexOf("abc");
        RedactionResult r =
                Redactor.apply(text, List.of(Finding.secret("k", start, start + 3, 1)), RedactionStyle.placeholders());

        assertThat(r.content()).isEqualTo("😀😀\r\nkey=[SECRET_1]\r\n😀");
        assertThat(r.redactions().get(0).start()).isEqualTo(start);
    }

    @Test
    void apply_spanSplittingASurrogatePair_widensToTheWholeCodePoint() {
        String text = "a😀b";
        RedactionResult r = Redactor.apply(text, List.of(Finding.secret("k", 2, 4, 1)), RedactionStyle.placeholders());

        assertThat(r.content()).isEqualTo("a[SECRET_1]");
        assertThat(r.content().codePoints().allMatch(cp -> !Character.isSurrogate((char) cp) || cp > 0xFFFF))
                .isTrue();
    }

    @Test
    void apply_mask_keepsLengthInCodePoints_andIsNotReversible() {
        RedactionResult r =
                Redactor.apply("pin 1234!", List.of(Finding.secret("k", 4, 8, 1)), RedactionStyle.mask('*'));

        assertThat(r.content()).isEqualTo("pin ****!");
        assertThat(r.restore("pin ****!")).isEqualTo("pin ****!");
    }

    @Test
    void apply_keyedHash_isStableAcrossCallsAndHidesTheValue() {
        RedactionStyle style = RedactionStyle.keyedHash("0123456789abcdef0123".getBytes());
        RedactionResult a = Redactor.apply("x a@x.io", List.of(email(2, 8)), style);
        RedactionResult b = Redactor.apply("yy a@x.io", List.of(email(3, 9)), style);

        assertThat(a.content()).matches("x \\[EMAIL_ADDRESS:[0-9a-f]{12}]");
        assertThat(a.content().substring(2)).isEqualTo(b.content().substring(3));
        assertThat(a.content()).doesNotContain("a@x.io");
    }

    @Test
    void restorer_toString_neverShowsValues() {
        RedactionResult r = Redactor.apply("a@x.io", List.of(email(0, 6)), RedactionStyle.placeholders());

        assertThat(r.restorer().toString()).doesNotContain("a@x.io");
        assertThat(r.toString()).doesNotContain("a@x.io");
    }

    private static Finding email(int start, int end) {
        return Finding.pii("EMAIL_ADDRESS", "email", start, end, 0.9, false);
    }

    @Test
    void apply_contentAlreadyHoldingAPlaceholder_getsAnotherOne_soRestoreIsExact() {
        String text = "literal [EMAIL_ADDRESS_1] and a@x.io";
        int at = text.indexOf("a@x.io");
        RedactionResult r = Redactor.apply(text, List.of(email(at, at + 6)), RedactionStyle.placeholders());

        assertThat(r.content()).isEqualTo("literal [EMAIL_ADDRESS_1] and [EMAIL_ADDRESS_2]");
        assertThat(r.restore(r.content())).isEqualTo(text);
    }
}
