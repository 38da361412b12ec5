package dev.clearance.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.Message;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One call per effect through each official SDK, written as a transcript to {@code target/sdk-transcript.txt}
 * (for the closing note) and asserted. The address is a documentation one (RFC 2606 {@code example.com})
 * and the transcript shows it masked all the same: a transcript never prints a value the pack protects.
 */
class SdkTranscriptTest {
    static final String EMAIL = "jordan.lee@example.com";

    @TempDir
    Path dir;

    Fixture fx;
    final List<String> lines = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        fx = new Fixture(dir);
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
        Path out = Path.of("target", "sdk-transcript.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(
                out,
                String.join("\n", lines) + "\n\n",
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        lines.forEach(System.out::println);
    }

    /** The address masked: its first letter and its (documentation) domain. */
    static String masked(String text) {
        return text.replace(EMAIL, "j•••••••••@example.com");
    }

    void say(String line) {
        lines.add(masked(line));
    }

    OpenAIClient openai(String base, String... headers) {
        OpenAIOkHttpClient.Builder b = OpenAIOkHttpClient.builder()
                .baseUrl(base + "/v1")
                .apiKey("gateway-caller-key")
                .maxRetries(0)
                .timeout(Duration.ofSeconds(20))
                .putHeader("X-Clearance-User", "alice");
        for (int i = 0; i < headers.length; i += 2) {
            b.putHeader(headers[i], headers[i + 1]);
        }
        return b.build();
    }

    AnthropicClient anthropic(String base, String... headers) {
        AnthropicOkHttpClient.Builder b = AnthropicOkHttpClient.builder()
                .baseUrl(base)
                .apiKey("gateway-caller-key")
                .maxRetries(0)
                .timeout(Duration.ofSeconds(20))
                .putHeader("X-Clearance-User", "alice");
        for (int i = 0; i < headers.length; i += 2) {
            b.putHeader(headers[i], headers[i + 1]);
        }
        return b.build();
    }

    static String content(ChatCompletion c) {
        return c.choices().get(0).message().content().orElseThrow();
    }

    @Test
    void openAiJava_allowRedactDeny() {
        say("openai-java 4.8.0 -> gateway " + "/openai (product openai:api) -> fake upstream on 127.0.0.1");

        String prompt = "Summarise the quarterly plan in two lines.";
        fx.upstream.script(r -> FakeUpstream.json(200, OpenAiChatSdkTest.completion("Plan: hire two, ship Q3.")));
        content(openai(fx.upstream.uri().toString()).chat().completions().create(OpenAiChatSdkTest.ask(prompt)));
        byte[] direct = fx.upstream.last().body();
        ChatCompletion allowed = openai(fx.base("/openai")).chat().completions().create(OpenAiChatSdkTest.ask(prompt));
        byte[] viaGateway = fx.upstream.last().body();
        assertThat(viaGateway).isEqualTo(direct);
        say("ALLOW   SDK sent:          \"" + prompt + "\"");
        say("        upstream received: the SDK's request byte for byte (" + viaGateway.length
                + " bytes, equal to the same call made directly)");
        say("        caller got:        \"" + content(allowed) + "\"");

        String redactPrompt = "Draft a note to " + EMAIL + " about the invoice.";
        fx.upstream.script(r -> FakeUpstream.json(
                200, OpenAiChatSdkTest.completion("I will write to " + Fixture.placeholder(r.text()) + " today.")));
        ChatCompletion redacted =
                openai(fx.base("/openai")).chat().completions().create(OpenAiChatSdkTest.ask(redactPrompt));
        String sentContent = messageContent(fx.upstream.last().text());
        assertThat(fx.upstream.last().text()).doesNotContain(EMAIL);
        assertThat(sentContent).isEqualTo("Draft a note to [EMAIL_ADDRESS_1] about the invoice.");
        assertThat(content(redacted)).isEqualTo("I will write to " + EMAIL + " today.");
        say("REDACT  SDK sent:          \"" + redactPrompt + "\"");
        say("        upstream received: \"" + sentContent + "\"");
        say("        upstream answered: \"I will write to [EMAIL_ADDRESS_1] today.\"");
        say("        caller got:        \"" + content(redacted) + "\" (the original address restored)");

        int before = fx.upstream.received.size();
        assertThatThrownBy(() -> openai(fx.base("/openai"), "X-Clearance-Classification", "RESTRICTED")
                        .chat()
                        .completions()
                        .create(OpenAiChatSdkTest.ask("Quarterly plan")))
                .isInstanceOf(com.openai.errors.PermissionDeniedException.class)
                .hasMessageContaining("classification.restricted-local-only")
                .satisfies(e -> {
                    say("DENY    SDK sent:          \"Quarterly plan\" with X-Clearance-Classification: RESTRICTED");
                    say("        SDK raised:        " + e.getClass().getName() + ": " + e.getMessage());
                });
        assertThat(fx.upstream.received).hasSize(before);
        say("        upstream received: nothing");
    }

    @Test
    void anthropicJava_allowRedactDeny() {
        say("anthropic-java 3.14.0 -> gateway /anthropic (product anthropic:api) -> fake upstream on 127.0.0.1");

        String prompt = "Summarise the quarterly plan in two lines.";
        fx.upstream.script(r -> FakeUpstream.json(200, AnthropicSdkTest.message("Plan: hire two, ship Q3.")));
        anthropic(fx.upstream.uri().toString()).messages().create(AnthropicSdkTest.ask(prompt));
        byte[] direct = fx.upstream.last().body();
        Message allowed = anthropic(fx.base("/anthropic")).messages().create(AnthropicSdkTest.ask(prompt));
        byte[] viaGateway = fx.upstream.last().body();
        assertThat(viaGateway).isEqualTo(direct);
        say("ALLOW   SDK sent:          \"" + prompt + "\"");
        say("        upstream received: the SDK's request byte for byte (" + viaGateway.length
                + " bytes, equal to the same call made directly)");
        say("        caller got:        \"" + text(allowed) + "\"");

        String redactPrompt = "Draft a note to " + EMAIL + " about the invoice.";
        fx.upstream.script(r -> FakeUpstream.json(
                200, AnthropicSdkTest.message("I will write to " + Fixture.placeholder(r.text()) + " today.")));
        Message redacted = anthropic(fx.base("/anthropic")).messages().create(AnthropicSdkTest.ask(redactPrompt));
        String sentContent = messageContent(fx.upstream.last().text());
        assertThat(fx.upstream.last().text()).doesNotContain(EMAIL);
        assertThat(sentContent).isEqualTo("Draft a note to [EMAIL_ADDRESS_1] about the invoice.");
        assertThat(text(redacted)).isEqualTo("I will write to " + EMAIL + " today.");
        say("REDACT  SDK sent:          \"" + redactPrompt + "\"");
        say("        upstream received: \"" + sentContent + "\"");
        say("        upstream answered: \"I will write to [EMAIL_ADDRESS_1] today.\"");
        say("        caller got:        \"" + text(redacted) + "\" (the original address restored)");

        int before = fx.upstream.received.size();
        assertThatThrownBy(() -> anthropic(fx.base("/anthropic"), "X-Clearance-Classification", "RESTRICTED")
                        .messages()
                        .create(AnthropicSdkTest.ask("Quarterly plan")))
                .isInstanceOf(com.anthropic.errors.PermissionDeniedException.class)
                .hasMessageContaining("classification.restricted-local-only")
                .satisfies(e -> {
                    say("DENY    SDK sent:          \"Quarterly plan\" with X-Clearance-Classification: RESTRICTED");
                    say("        SDK raised:        " + e.getClass().getName() + ": " + e.getMessage());
                });
        assertThat(fx.upstream.received).hasSize(before);
        say("        upstream received: nothing");
    }

    static String text(Message m) {
        return m.content().get(0).text().orElseThrow().text();
    }

    /** The content of the last user message of a chat request body (a string or the first text part). */
    static String messageContent(String body) {
        try {
            com.fasterxml.jackson.databind.JsonNode messages =
                    Dialect.JSON.readTree(body).path("messages");
            com.fasterxml.jackson.databind.JsonNode c =
                    messages.get(messages.size() - 1).path("content");
            return c.isTextual() ? c.asText() : c.get(0).path("text").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON", e);
        }
    }
}
