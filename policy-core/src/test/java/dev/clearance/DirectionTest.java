package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DirectionTest {
    private static final String RULES = """
            rule "a.allow" when Data() then verdict.allow(); end
            rule "request.only" when Context( request ) then verdict.note("to the model"); end
            rule "output.deny-restricted"
            when
                Context( response, direction == Direction.RESPONSE )
                Data( classification == Classification.RESTRICTED )
            then
                verdict.deny("no restricted answers");
            end
            """;

    private static PolicyRequest request(Direction direction) {
        return PolicyRequest.builder()
                .destination(PolicyRequest.Destination.of("acme", Tier.API))
                .classification(Classification.RESTRICTED)
                .direction(direction)
                .build();
    }

    @Test
    void rulesSeeTheDirection_andTheCacheKeepsDirectionsApart() {
        PolicyEngine engine =
                PolicyEngine.builder().rulePack(TestPacks.drl(RULES)).build();
        assertThat(engine.cachesDecisions()).isTrue();

        for (int i = 0; i < 2; i++) {
            assertThat(engine.evaluate(request(Direction.REQUEST)).effect()).isEqualTo(Effect.ALLOW);
            Decision out = engine.evaluate(request(Direction.RESPONSE));
            assertThat(out.effect()).isEqualTo(Effect.DENY);
            assertThat(out.ruleIds()).containsExactly("output.deny-restricted");
        }
    }

    @Test
    void requestsDefaultToRequest_andCopiesKeepOrChangeIt() {
        PolicyRequest plain = new PolicyRequest(null, null, PolicyRequest.Destination.of("acme", Tier.API), null, null);

        assertThat(plain.direction()).isEqualTo(Direction.REQUEST);
        PolicyRequest back = plain.withDirection(Direction.RESPONSE).withContent("answer");
        assertThat(back.direction()).isEqualTo(Direction.RESPONSE);
        assertThat(back.data().content()).isEqualTo("answer");
        assertThat(back.withId("x").direction()).isEqualTo(Direction.RESPONSE);
    }
}
