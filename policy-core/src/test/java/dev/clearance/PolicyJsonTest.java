package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyJsonTest {

    @Test
    void readRequest_fullDocument_mapsEveryField() {
        PolicyRequest r = PolicyJson.readRequest("""
                {"id": "c1", "user": {"id": "u-123", "groups": ["engineering"]},
                 "destination": {"product": "openai:chatgpt-free", "trainingOptOut": true, "zeroDataRetention": false},
                 "data": {"classification": "CONFIDENTIAL", "content": "text", "labels": ["source-code"]},
                 "purpose": "code-assistance"}
                """);

        assertThat(r.id()).isEqualTo("c1");
        assertThat(r.user()).isEqualTo(new PolicyRequest.User("u-123", List.of("engineering")));
        assertThat(r.destination())
                .isEqualTo(new PolicyRequest.Destination("openai:chatgpt-free", null, null, true, false));
        assertThat(r.data())
                .isEqualTo(new PolicyRequest.Data(Classification.CONFIDENTIAL, "text", List.of("source-code")));
        assertThat(r.purpose()).isEqualTo("code-assistance");
    }

    @Test
    void readRequest_minimal_defaultsToInternalWithoutContent() {
        PolicyRequest r = PolicyJson.readRequest("{\"destination\": {\"provider\": \"acme\", \"tier\": \"API\"}}");

        assertThat(r.data().classification()).isEqualTo(Classification.INTERNAL);
        assertThat(r.data().content()).isNull();
        assertThat(r.user().groups()).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> field {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"destination\": {\"product\": \"openai:api\"}, \"bogus\": 1}                            | ''",
                "{\"destination\": {\"product\": \"openai:api\", \"colour\": \"red\"}}                     | destination",
                "{\"destination\": {\"product\": \"openai:api\"}, \"data\": {\"classification\": \"SECRETISH\"}} | data.classification",
                "{\"destination\": {\"tier\": \"SATELLITE\"}}                                           | destination.tier",
                "{\"destination\": {\"tier\": \"UNKNOWN\"}}                                             | destination.tier",
                "{\"destination\": {\"product\": \"openai:api\", \"trainingOptOut\": \"yes\"}}             | destination.trainingOptOut",
                "{\"destination\": {\"product\": \"openai:api\", \"trainingOptOut\": 1}}                   | destination.trainingOptOut",
                "{\"destination\": {\"product\": 42}}                                                  | destination.product",
                "{\"destination\": {\"product\": \"openai:api\"}, \"user\": {\"groups\": \"eng\"}}          | user.groups",
                "{\"data\": {\"classification\": \"PUBLIC\"}}                                          | destination",
                "{}                                                                              | destination",
                "{\"destination\": {}}                                                              | destination",
                "{\"destination\": {\"product\": \"openai:api\"}, \"data\": {\"labels\": [null]}}           | data.labels",
            })
    void readRequest_invalid_throwsNamingTheField(String json, String field) {
        assertThatThrownBy(() -> PolicyJson.readRequest(json))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).doesNotContain("\n");
                });
    }

    @Test
    void readRequest_unknownField_messageNamesWhereAndTheKnownFields_notTheName() {
        assertThatThrownBy(() -> PolicyJson.readRequest("{\"destination\": {\"product\": \"x\"}, \"bogus\": 1}"))
                .hasMessageContaining("unknown field at the top level")
                .hasMessageNotContaining("bogus")
                .hasMessageContaining("destination");
    }

    @Test
    void readRequest_badEnum_messageListsAcceptedValues() {
        assertThatThrownBy(() -> PolicyJson.readRequest(
                        "{\"destination\": {\"product\": \"x\"}, \"data\": {\"classification\": \"TOPSECRET\"}}"))
                .hasMessageContaining("data.classification")
                .hasMessageContaining("[PUBLIC, INTERNAL, CONFIDENTIAL, RESTRICTED]");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"destination\": {",
                "[]",
                "null",
                "\"text\"",
                "{\"destination\": {\"product\": \"x\"}} {}",
                "{\"destination\": {\"product\": \"x\"}, \"destination\": {\"product\": \"y\"}}",
                "''"
            })
    void readRequest_malformed_throwsTypedException(String json) {
        assertThatThrownBy(() -> PolicyJson.readRequest(json)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void readRequest_malformedWithContent_neverQuotesTheContent() {
        String secret = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789";
        assertThatThrownBy(() -> PolicyJson.readRequest("{\"destination\": {\"product\": \"x\"}, \"data\": "
                        + "{\"content\": \"" + secret + "\", \"classification\": 3}}"))
                .isInstanceOf(InvalidRequestException.class)
                .message()
                .doesNotContain(secret);
        assertThatThrownBy(() -> PolicyJson.readRequest("{\"destination\": {\"product\": \"" + secret + "\""))
                .isInstanceOf(InvalidRequestException.class)
                .message()
                .doesNotContain(secret);
    }

    @Test
    void readRequest_deeplyNested_isRejected() {
        String deep =
                "{\"destination\": {\"product\": \"x\"}, \"purpose\": " + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertThatThrownBy(() -> PolicyJson.readRequest(deep)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void readRequest_invalidUtf8_isRejected() {
        byte[] bytes = "{\"destination\": {\"product\": \"x\"}, \"purpose\": \"\u00ff\"}"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> PolicyJson.readRequest(bytes)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void write_decision_followsContractAndOmitsRestoreMapping() {
        Decision d = new Decision(
                "c1",
                "d-1",
                Effect.REDACT,
                List.of(new Reason("secret.redact", Effect.REDACT, "m", "p", "1")),
                List.of(new Redaction("SECRET", "openai-api-key", 10, 61, "[SECRET_1]")),
                "text with [SECRET_1]",
                List.of(),
                12,
                "p",
                "1",
                Restorer.of(java.util.Map.of("[SECRET_1]", "sk-the-original")));

        String json = PolicyJson.write(d);

        assertThat(json)
                .isEqualTo("{\"id\":\"c1\",\"decisionId\":\"d-1\",\"effect\":\"REDACT\",\"reasons\":["
                        + "{\"ruleId\":\"secret.redact\",\"effect\":\"REDACT\",\"message\":\"m\",\"pack\":\"p\","
                        + "\"packVersion\":\"1\"}],\"redactions\":[{\"type\":\"SECRET\",\"rule\":\"openai-api-key\","
                        + "\"start\":10,\"end\":61,\"replacement\":\"[SECRET_1]\"}],\"content\":\"text with [SECRET_1]\","
                        + "\"diagnostics\":[],\"elapsedMicros\":12,\"pack\":\"p\",\"packVersion\":\"1\"}");
        assertThat(json).doesNotContain("sk-the-original");
        assertThat(d.toString()).doesNotContain("sk-the-original");
    }

    @Test
    void readRequest_direction_defaultsToRequest_andReadsResponse() {
        String dest = "\"destination\": {\"product\": \"openai:api\"}";

        assertThat(PolicyJson.readRequest("{" + dest + "}").direction()).isEqualTo(Direction.REQUEST);
        assertThat(PolicyJson.readRequest("{" + dest + ", \"direction\": \"request\"}")
                        .direction())
                .isEqualTo(Direction.REQUEST);
        assertThat(PolicyJson.readRequest("{" + dest + ", \"direction\": \"response\"}")
                        .direction())
                .isEqualTo(Direction.RESPONSE);
    }

    @ParameterizedTest
    @CsvSource({"RESPONSE", "sideways", "''"})
    void readRequest_unknownDirection_isInvalidAndNamesTheField(String value) {
        assertThatThrownBy(() -> PolicyJson.readRequest(
                        "{\"destination\": {\"product\": \"openai:api\"}, \"direction\": \"" + value + "\"}"))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("direction"))
                .hasMessageNotContaining(value.isEmpty() ? "\u0000" : value);
    }

    @Test
    void writeRequest_roundTrips_directionIncluded() {
        PolicyRequest full = new PolicyRequest(
                "c1",
                new PolicyRequest.User("u-123", List.of("engineering")),
                new PolicyRequest.Destination(null, "acme", Tier.API, true, false),
                new PolicyRequest.Data(Classification.CONFIDENTIAL, "text", List.of("source-code")),
                "code-assistance",
                Direction.RESPONSE);
        PolicyRequest minimal = PolicyRequest.builder().product("openai:api").build();

        assertThat(PolicyJson.write(full)).contains("\"direction\":\"response\"");
        assertThat(PolicyJson.readRequest(PolicyJson.write(full))).isEqualTo(full);
        assertThat(PolicyJson.write(minimal)).contains("\"direction\":\"request\"");
        assertThat(PolicyJson.readRequest(PolicyJson.write(minimal))).isEqualTo(minimal);
    }
}
