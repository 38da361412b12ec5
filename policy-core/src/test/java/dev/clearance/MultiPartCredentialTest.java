package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Redaction removes both parts of a multi-part credential: the secret and its id part (type SECRET_ID). */
class MultiPartCredentialTest {
    private static final String SID = "AC" + "5be0f1c2d3e4a5b6c7d8e9f0a1b2c3d4";
    private static final String TOKEN = "c0ffee12" + "ab34cd56ef78ab90cd12ef34";
    private static final String TEXT = "TWILIO_ACCOUNT_SID=" + SID + "\nTWILIO_AUTH_TOKEN=" + TOKEN + "\n";

    @Test
    void bothPartsAreFoundAndRedacted() {
        PolicyEngine engine =
                PolicyEngine.builder().rulePack(TestPacks.drl("""
                        rule "secret.redact" when $f : Finding(category == FindingCategory.SECRET)
                        then verdict.redact($f); end
                        rule "allow" when Data() then verdict.allow(); end
                        """)).build();
        // tag::id-parts[]
        List<Finding> found = engine.scan(TEXT);
        assertThat(found).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo("SECRET_ID");
            assertThat(f.category()).isEqualTo(FindingCategory.SECRET);
            assertThat(f.rule()).isEqualTo("twilio-account-sid");
        });
        // end::id-parts[]
        Decision d = engine.evaluate(PolicyRequest.builder()
                .product("openai:chatgpt-enterprise")
                .content(TEXT)
                .build());
        assertThat(d.effect()).isEqualTo(Effect.REDACT);
        assertThat(d.redactedContent())
                .hasValueSatisfying(r -> assertThat(r).doesNotContain(SID).doesNotContain(TOKEN));
    }
}
