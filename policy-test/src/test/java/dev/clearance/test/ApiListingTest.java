package dev.clearance.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.apicheck.ApiListing;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The public API of policy-test equals the checked-in api/policy-test.api (see {@link ApiListing}). */
class ApiListingTest {
    @Test
    void publicApi_matchesTheCheckedInListing() throws Exception {
        Path classes = Path.of(PackTests.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());

        assertThat(ApiListing.compare(classes, PackTests.class.getClassLoader(), Path.of("api/policy-test.api")))
                .as(ApiListing.howToUpdate("policy-test"))
                .isEmpty();
    }
}
