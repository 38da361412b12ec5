package dev.clearance.bench;

import dev.clearance.Classification;
import dev.clearance.PolicyRequest;
import dev.clearance.PolicyRequest.Destination;
import java.util.List;
import java.util.Random;

/** The benchmark inputs: a fixed mix of finding-free requests and seeded texts. */
final class Requests {
    private Requests() {}

    /** Eight requests across tiers, classifications and account states, without content. */
    static final List<PolicyRequest> DECISIONS = List.of(
            req(Destination.product("openai:chatgpt-free"), Classification.INTERNAL),
            req(Destination.product("openai:chatgpt-plus").withTrainingOptOut(true), Classification.INTERNAL),
            req(Destination.product("anthropic:claude-enterprise"), Classification.CONFIDENTIAL),
            req(Destination.product("openai:api").withZeroDataRetention(true), Classification.CONFIDENTIAL),
            req(Destination.product("openai:api"), Classification.RESTRICTED),
            req(Destination.product("local:ollama"), Classification.RESTRICTED),
            req(Destination.product("meta:meta-ai").withTrainingOptOut(true), Classification.PUBLIC),
            req(Destination.product("shadow:notes-ai"), Classification.INTERNAL));

    private static PolicyRequest req(Destination d, Classification c) {
        return PolicyRequest.builder().destination(d).classification(c).build();
    }

    private static final String[] PROSE = {
        "The",
        "quarterly",
        "review",
        "shows",
        "that",
        "our",
        "migration",
        "to",
        "the",
        "new",
        "platform",
        "slipped",
        "by",
        "two",
        "weeks",
        "because",
        "of",
        "vendor",
        "delays,",
        "and",
        "the",
        "team",
        "proposes",
        "a",
        "phased",
        "rollout",
        "starting",
        "with",
        "internal",
        "users."
    };
    private static final String[] CODE = {
        "for (int i = 0; i < items.size(); i++) {",
        "  total += items.get(i);",
        "}",
        "def handler(event, context):",
        "    return {\"status\": 200}",
        "SELECT id, name FROM users;",
        "timeout_seconds = 30",
        "retries: 3",
        "url: https://docs.example.org/guide",
        "log.info(\"started\");"
    };

    /** Mixed prose, code and config of about {@code chars} characters, seeded, without findings planted. */
    static String mixed(int chars, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(chars + 64);
        while (sb.length() < chars) {
            if (r.nextInt(4) == 0) {
                sb.append(CODE[r.nextInt(CODE.length)]).append('\n');
            } else {
                for (int i = 0; i < 12; i++) {
                    sb.append(PROSE[r.nextInt(PROSE.length)]).append(' ');
                }
                sb.append('\n');
            }
        }
        sb.setLength(chars);
        return sb.toString();
    }

    /** A 2 KB prompt with a few secrets and personal data in it (all values made up). */
    static String prompt2k() {
        String planted = "\nContact jane.doe@example.com or +1 415 555 0134 about card 4111 1111 1111 1111.\n"
                + "aws_access_key_id = AKIAQ3EGRTWXZL7KN5PD\n"
                + "token: ghp_Xk9mT2qLw8vN4rB7cZ1pY5sD3fH6jA0gE2uK\n";
        return mixed(2048 - planted.length(), 7) + planted;
    }
}
