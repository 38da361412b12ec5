package dev.clearance.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.apicheck.ApiListing;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The public API of policy-gateway equals the checked-in api/policy-gateway.api (see {@link ApiListing}). */
class ApiListingTest {
    @Test
    void publicApi_matchesTheCheckedInListing() throws Exception {
        Path classes = Path.of(ClearanceGateway.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());

        assertThat(ApiListing.compare(
                        classes, ClearanceGateway.class.getClassLoader(), Path.of("api/policy-gateway.api")))
                .as(ApiListing.howToUpdate("policy-gateway"))
                .isEmpty();
    }
}
