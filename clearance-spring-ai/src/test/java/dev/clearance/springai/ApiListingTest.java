package dev.clearance.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.apicheck.ApiListing;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The public API of clearance-spring-ai equals the checked-in api/clearance-spring-ai.api (see {@link ApiListing}). */
class ApiListingTest {
    @Test
    void publicApi_matchesTheCheckedInListing() throws Exception {
        Path classes = Path.of(ClearanceAdvisor.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());

        assertThat(ApiListing.compare(
                        classes, ClearanceAdvisor.class.getClassLoader(), Path.of("api/clearance-spring-ai.api")))
                .as(ApiListing.howToUpdate("clearance-spring-ai"))
                .isEmpty();
    }
}
