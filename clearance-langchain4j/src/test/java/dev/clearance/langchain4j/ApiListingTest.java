package dev.clearance.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.apicheck.ApiListing;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The public API of clearance-langchain4j equals the checked-in api/clearance-langchain4j.api (see {@link ApiListing}). */
class ApiListingTest {
    @Test
    void publicApi_matchesTheCheckedInListing() throws Exception {
        Path classes = Path.of(ClearanceGuardrails.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());

        assertThat(ApiListing.compare(
                        classes, ClearanceGuardrails.class.getClassLoader(), Path.of("api/clearance-langchain4j.api")))
                .as(ApiListing.howToUpdate("clearance-langchain4j"))
                .isEmpty();
    }
}
