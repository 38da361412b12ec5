package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.apicheck.ApiListing;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The public API of policy-core equals the checked-in api/policy-core.api (see {@link ApiListing}). */
class ApiListingTest {
    @Test
    void publicApi_matchesTheCheckedInListing() throws Exception {
        Path classes = Path.of(PolicyEngine.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());

        assertThat(ApiListing.compare(classes, PolicyEngine.class.getClassLoader(), Path.of("api/policy-core.api")))
                .as(ApiListing.howToUpdate("policy-core"))
                .isEmpty();
    }
}
