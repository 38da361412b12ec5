package dev.clearance.entities;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.apicheck.ApiListing;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The public API of clearance-entities equals the checked-in api/clearance-entities.api (see {@link ApiListing}). */
class ApiListingTest {
    @Test
    void publicApi_matchesTheCheckedInListing() throws Exception {
        Path classes = Path.of(RuleEntityRecognizer.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());

        assertThat(ApiListing.compare(
                        classes, RuleEntityRecognizer.class.getClassLoader(), Path.of("api/clearance-entities.api")))
                .as(ApiListing.howToUpdate("clearance-entities"))
                .isEmpty();
    }
}
