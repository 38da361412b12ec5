package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class InvalidRequestMessageTest {
    private static final String KEY = "AKIAZ7QW3RT5YH2KLXMN";

    @Test
    void readRequest_secretAsUnknownFieldName_isNotQuoted() {
        InvalidRequestException e = catchThrowableOfType(
                InvalidRequestException.class,
                () -> PolicyJson.readRequest("{\"destination\": {\"product\": \"openai:api\"}, \"" + KEY + "\": 1}"));

        assertThat(e.field()).isEqualTo("?");
        assertThat(e.getMessage()).startsWith("unknown field '?'").doesNotContain(KEY);
    }

    @Test
    void readRequest_ordinaryUnknownFieldName_isNamed() {
        InvalidRequestException e = catchThrowableOfType(
                InvalidRequestException.class,
                () -> PolicyJson.readRequest("{\"destination\": {\"product\": \"openai:api\"}, \"bogus\": 1}"));

        assertThat(e.field()).isEqualTo("bogus");
    }

    @Test
    void readRequest_bareShortTokenInSyntaxError_isNotQuoted() {
        InvalidRequestException e = catchThrowableOfType(
                InvalidRequestException.class,
                () -> PolicyJson.readRequest("{\"data\": {\"content\": Tr0ub4dorQx9zW}}"));

        assertThat(e.getMessage()).startsWith("malformed document").doesNotContain("Tr0ub4dorQx9zW");
    }
}
