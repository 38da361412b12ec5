package dev.clearance.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.apicheck.ApiListing;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The public API of clearance-micrometer equals the checked-in api/clearance-micrometer.api (see {@link ApiListing}). */
class ApiListingTest {
    @Test
    void publicApi_matchesTheCheckedInListing() throws Exception {
        Path classes = Path.of(DecisionMeters.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());

        assertThat(ApiListing.compare(
                        classes, DecisionMeters.class.getClassLoader(), Path.of("api/clearance-micrometer.api")))
                .as(ApiListing.howToUpdate("clearance-micrometer"))
                .isEmpty();
    }
}
