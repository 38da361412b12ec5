package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

class InvalidRequestMessageTest {
    private static final String KEY = "AKIAZ7QW3RT5YH2KLXMN";

    @Test
    void readRequest_secretAsUnknownFieldName_isNotQuoted() {
        InvalidRequestException e = catchThrowableOfType(
                InvalidRequestException.class,
                () -> PolicyJson.readRequest("{\"destination\": {\"product\": \"openai:api\"}, \"" + KEY + "\": 1}"));

        assertThat(e.field()).isEmpty();
        assertThat(e.getMessage()).startsWith("unknown field at the top level").doesNotContain(KEY);
    }

    @Test
    void readRequest_unknownFieldName_isNeverRepeated_theObjectHoldingItIs() {
        String card = "4111 1111 1111 1111";
        String ordinary = "bogus";
        for (String name : List.of(card, ordinary, "card4111111111111111")) {
            InvalidRequestException e = catchThrowableOfType(
                    InvalidRequestException.class,
                    () -> PolicyJson.readRequest(
                            "{\"destination\": {\"product\": \"openai:api\", \"" + name + "\": 1}}"));

            assertThat(e.field()).isEqualTo("destination");
            assertThat(e.getMessage())
                    .startsWith("unknown field in 'destination'")
                    .contains("product")
                    .doesNotContain(name);
        }
    }

    @Test
    void readRequest_bareShortTokenInSyntaxError_isNotQuoted() {
        InvalidRequestException e = catchThrowableOfType(
                InvalidRequestException.class,
                () -> PolicyJson.readRequest("{\"data\": {\"content\": Tr0ub4dorQx9zW}}"));

        assertThat(e.getMessage()).startsWith("malformed document").doesNotContain("Tr0ub4dorQx9zW");
    }
}
