package dev.clearance.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.apicheck.ApiListing;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The public API of policy-server equals the checked-in api/policy-server.api (see {@link ApiListing}). */
class ApiListingTest {
    @Test
    void publicApi_matchesTheCheckedInListing() throws Exception {
        Path classes = Path.of(ClearanceServer.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());

        assertThat(ApiListing.compare(
                        classes, ClearanceServer.class.getClassLoader(), Path.of("api/policy-server.api")))
                .as(ApiListing.howToUpdate("policy-server"))
                .isEmpty();
    }
}
