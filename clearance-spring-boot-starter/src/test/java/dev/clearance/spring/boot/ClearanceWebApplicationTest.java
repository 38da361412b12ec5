package dev.clearance.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.Classification;
import dev.clearance.Decision;
import dev.clearance.PolicyDecider;
import dev.clearance.PolicyRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A whole Spring Boot web application with the starter: its own endpoint asks the auto-configured
 * {@link PolicyDecider} before it would forward a prompt, and answers DENY, REDACT or ALLOW.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = ClearanceWebApplicationTest.App.class,
        properties = {
            "management.endpoints.web.exposure.include=health",
            "management.endpoint.health.show-details=always"
        })
class ClearanceWebApplicationTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(PromptController.class)
    static class App {}

    /** What the application forwards to the model: the redacted text, or nothing. */
    record Forwarded(String effect, String rules, String text) {}

    // tag::controller[]
    @RestController
    static class PromptController {
        private final PolicyDecider decider; // auto-configured by the starter

        PromptController(PolicyDecider decider) {
            this.decider = decider;
        }

        @PostMapping("/prompt")
        Forwarded prompt(@RequestBody Map<String, String> body) {
            Decision d = decider.evaluate(PolicyRequest.builder()
                    .product(body.get("product"))
                    .classification(Classification.valueOf(body.get("classification")))
                    .content(body.get("text"))
                    .build());
            String forwarded = d.permitsSending() ? d.redactedContent().orElse(body.get("text")) : null;
            return new Forwarded(d.effect().name(), String.join(",", d.ruleIds()), forwarded);
        }
    }
    // end::controller[]

    @Autowired
    TestRestTemplate http;

    private Forwarded post(String product, String classification, String text) {
        ResponseEntity<Forwarded> r = http.postForEntity(
                "/prompt", Map.of("product", product, "classification", classification, "text", text), Forwarded.class);
        assertThat(r.getStatusCode().is2xxSuccessful()).isTrue();
        return r.getBody();
    }

    @Test
    void confidentialDataToARetainingApi_isDenied_andNothingIsForwarded() {
        Forwarded f = post("openai:api", "CONFIDENTIAL", "Q3 revenue by region, before the announcement.");
        assertThat(f.effect()).isEqualTo("DENY");
        assertThat(f.rules()).isEqualTo("classification.confidential-no-retention");
        assertThat(f.text()).isNull();
    }

    @Test
    void anEmailToARetainingApi_isRedacted() {
        Forwarded f = post("openai:api", "INTERNAL", ClearanceAutoConfigurationTest.EMAIL_TEXT);
        assertThat(f.effect()).isEqualTo("REDACT");
        assertThat(f.text()).isNotNull().doesNotContain("jane.doe@example.com").contains("about her late refund");
    }

    @Test
    void internalNotesToAnEnterprisePlan_areAllowedUnchanged() {
        Forwarded f = post("openai:chatgpt-enterprise", "INTERNAL", "Summarize the sprint notes.");
        assertThat(f.effect()).isEqualTo("ALLOW");
        assertThat(f.text()).isEqualTo("Summarize the sprint notes.");
    }

    @Test
    void actuatorHealth_showsTheClearanceComponent() {
        String health = http.getForObject("/actuator/health/clearance", String.class);
        assertThat(health).contains("\"status\":\"UP\"").contains("\"packId\":\"clearance-default\"");
    }
}
