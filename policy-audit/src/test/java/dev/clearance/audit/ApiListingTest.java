package dev.clearance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.apicheck.ApiListing;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The public API of policy-audit equals the checked-in api/policy-audit.api (see {@link ApiListing}). */
class ApiListingTest {
    @Test
    void publicApi_matchesTheCheckedInListing() throws Exception {
        Path classes = Path.of(LogAuditor.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());

        assertThat(ApiListing.compare(classes, LogAuditor.class.getClassLoader(), Path.of("api/policy-audit.api")))
                .as(ApiListing.howToUpdate("policy-audit"))
                .isEmpty();
    }
}
