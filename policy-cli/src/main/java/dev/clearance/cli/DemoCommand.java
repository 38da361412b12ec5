package dev.clearance.cli;

import dev.clearance.Classification;
import dev.clearance.Decision;
import dev.clearance.PolicyEngine;
import dev.clearance.PolicyRequest;
import dev.clearance.PolicyRequest.Destination;
import dev.clearance.Redaction;
import dev.clearance.Tier;
import java.io.PrintWriter;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Runs a built-in set of realistic prompts through the pack and prints a table of decisions.")
final class DemoCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    PackOptions packOptions;

    @Mixin
    AuditOptions auditOptions;

    /** One demo prompt: what it is, where it goes, and the text. The values are made up. */
    record Prompt(String what, Destination destination, Classification classification, String content) {}

    static final List<Prompt> PROMPTS = List.of(
            new Prompt(
                    "open-source README to improve",
                    Destination.product("openai:chatgpt-free"),
                    Classification.PUBLIC,
                    "Make this README friendlier: 'fastcsv parses CSV files quickly.'"),
            new Prompt(
                    "sprint notes, consumer ChatGPT",
                    Destination.product("openai:chatgpt-free"),
                    Classification.INTERNAL,
                    "Summarize our sprint notes: migration slipped two weeks."),
            new Prompt(
                    "sprint notes, ChatGPT opted out",
                    Destination.product("openai:chatgpt-plus").withTrainingOptOut(true),
                    Classification.INTERNAL,
                    "Summarize our sprint notes: migration slipped two weeks."),
            new Prompt(
                    "sprint notes, Meta AI (no opt-out)",
                    Destination.product("meta:meta-ai").withTrainingOptOut(true),
                    Classification.INTERNAL,
                    "Summarize our sprint notes: migration slipped two weeks."),
            new Prompt(
                    "board memo, Claude Enterprise",
                    Destination.product("anthropic:claude-enterprise"),
                    Classification.CONFIDENTIAL,
                    "Tighten the wording of this board memo on Q3 pricing."),
            new Prompt(
                    "board memo, OpenAI API, no ZDR",
                    Destination.product("openai:api"),
                    Classification.CONFIDENTIAL,
                    "Tighten the wording of this board memo on Q3 pricing."),
            new Prompt(
                    "board memo, OpenAI API with ZDR",
                    Destination.product("openai:api").withZeroDataRetention(true),
                    Classification.CONFIDENTIAL,
                    "Tighten the wording of this board memo on Q3 pricing."),
            new Prompt(
                    "M&A due diligence, Vertex AI",
                    Destination.product("google:vertex-ai"),
                    Classification.RESTRICTED,
                    "Find risks in the target's supplier contracts."),
            new Prompt(
                    "M&A due diligence, local Ollama",
                    Destination.product("local:ollama"),
                    Classification.RESTRICTED,
                    "Find risks in the target's supplier contracts."),
            new Prompt(
                    "config with an AWS key, Copilot",
                    Destination.product("microsoft:copilot"),
                    Classification.PUBLIC,
                    "Why does this fail?\naws_access_key_id = AKIAQ3EGRTWXZL7KN5PD\n"
                            + "aws_secret_access_key = 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\n"),
            new Prompt(
                    "stack trace with a token, local",
                    Destination.product("local:lm-studio"),
                    Classification.INTERNAL,
                    "Explain: 401 for token ghp_Xk9mT2qLw8vN4rB7cZ1pY5sD3fH6jA0gE2uK"),
            new Prompt(
                    "support ticket with email, Gemini",
                    Destination.product("google:gemini-app"),
                    Classification.PUBLIC,
                    "Draft a reply to jane.doe@example.com about her late refund."),
            new Prompt(
                    "support ticket with email, ChatGPT Ent.",
                    Destination.product("openai:chatgpt-enterprise"),
                    Classification.INTERNAL,
                    "Draft a reply to jane.doe@example.com about her late refund."),
            new Prompt(
                    "payment dispute with card number, API",
                    Destination.product("anthropic:api").withZeroDataRetention(true),
                    Classification.INTERNAL,
                    "Customer disputes charge on card 4111 1111 1111 1111, SSN 219-09-9999; draft a reply."),
            new Prompt(
                    "unknown AI tool",
                    Destination.product("shadow:notes-ai"),
                    Classification.INTERNAL,
                    "Clean up these meeting notes."),
            new Prompt(
                    "internal gateway (uncatalogued API)",
                    Destination.of("acme-gateway", Tier.API),
                    Classification.INTERNAL,
                    "Classify these error logs by component."));

    @Override
    public Integer call() {
        try (AuditOptions audit = auditOptions) {
            return run(audit.apply(packOptions.builder()).build());
        }
    }

    private int run(PolicyEngine engine) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                "Clearance demo: pack %s@%s, %d rules, %d catalog products%n%n",
                engine.packId(),
                engine.packVersion(),
                engine.ruleIds().size(),
                engine.catalog().size());
        String format = "%-42s %-28s %-12s %-7s %s%n";
        out.printf(format, "prompt", "destination", "class", "effect", "reasons / redactions");
        out.printf(format, "-".repeat(42), "-".repeat(28), "-".repeat(12), "-".repeat(7), "-".repeat(40));
        for (Prompt p : PROMPTS) {
            Decision d = engine.evaluate(PolicyRequest.builder()
                    .destination(p.destination())
                    .classification(p.classification())
                    .content(p.content())
                    .build());
            TreeSet<String> types = new TreeSet<>();
            for (Redaction r : d.redactions()) {
                types.add(r.type());
            }
            String detail = String.join(", ", d.ruleIds()) + (types.isEmpty() ? "" : " " + types);
            out.printf(format, p.what(), destination(p.destination()), p.classification(), d.effect(), detail);
        }
        out.printf("%nTry your own: ./clearance evaluate --product openai:chatgpt-free --classification INTERNAL"
                + " --text \"...\"%n");
        return ExitCodes.OK;
    }

    private static String destination(Destination d) {
        String s = d.product() != null ? d.product() : d.provider() + " (" + d.tier() + ")";
        if (Boolean.TRUE.equals(d.trainingOptOut())) {
            s += " opt-out";
        }
        if (Boolean.TRUE.equals(d.zeroDataRetention())) {
            s += " ZDR";
        }
        return s;
    }
}
