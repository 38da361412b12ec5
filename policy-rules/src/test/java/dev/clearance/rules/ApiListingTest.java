package dev.clearance.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.apicheck.ApiListing;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The public API of policy-rules equals the checked-in api/policy-rules.api (see {@link ApiListing}). */
class ApiListingTest {
    @Test
    void publicApi_matchesTheCheckedInListing() throws Exception {
        Path classes = Path.of(DefaultRulePack.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());

        assertThat(ApiListing.compare(classes, DefaultRulePack.class.getClassLoader(), Path.of("api/policy-rules.api")))
                .as(ApiListing.howToUpdate("policy-rules"))
                .isEmpty();
    }
}
