package dev.clearance.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DecisionIdsTest {

    @Test
    void next_isAUniqueVersion4Uuid() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String id = DecisionIds.next();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.toString()).isEqualTo(id);
            assertThat(seen.add(id)).isTrue();
        }
    }
}
