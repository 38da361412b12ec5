package dev.clearance.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Writes realistic synthetic JSONL logs for tests and benchmarks: a seeded mix of AI tools (by their real hosts,
 * with a share of hosts the catalog does not know), users of uneven activity over two weeks with a daily rhythm,
 * declared classifications, and prompts that sometimes carry fake credentials and personal data (generated, not
 * real: keys are random, card numbers only pass Luhn). The same seed gives the same bytes.
 */
public final class LogGenerator {
    private static final String[][] DESTINATIONS = {
        // url, weight
        {"https://chatgpt.com/backend-api/conversation", "26"},
        {"https://api.openai.com/v1/chat/completions", "10"},
        {"https://claude.ai/api/organizations/chat", "9"},
        {"https://api.anthropic.com/v1/messages", "6"},
        {"https://gemini.google.com/app", "7"},
        {"https://generativelanguage.googleapis.com/v1beta/models/gemini:generateContent", "4"},
        {"https://copilot.microsoft.com/c/api/conversations", "6"},
        {"https://m365.cloud.microsoft/chat", "5"},
        {"https://www.meta.ai/api/graphql", "2"},
        {"https://chat.mistral.ai/api/chat", "2"},
        {"https://api.mistral.ai/v1/chat/completions", "1"},
        {"http://localhost:11434/api/generate", "4"},
        {"http://localhost:1234/v1/chat/completions", "2"},
        {"https://us-central1-aiplatform.googleapis.com/v1/projects/p/locations/l/publishers/google", "2"},
        {"https://www.perplexity.ai/rest/sse/perplexity_ask", "5"},
        {"https://chat.deepseek.com/api/v0/chat/completion", "4"},
        {"https://poe.com/api/gql_POST", "2"},
        {"https://huggingface.co/chat/conversation", "3"},
    };
    private static final String[] CLASSIFICATIONS = {
        null,
        null,
        null,
        null,
        null,
        "PUBLIC",
        "PUBLIC",
        "INTERNAL",
        "INTERNAL",
        "INTERNAL",
        "INTERNAL",
        "CONFIDENTIAL",
        "CONFIDENTIAL",
        "CONFIDENTIAL",
        "RESTRICTED"
    };
    private static final String[] WORDS = ("summarize the meeting notes about quarterly roadmap migration plan "
                    + "customer feedback draft an email to the team explain this stack trace refactor the function write "
                    + "unit tests for translate into german review the contract clause compare vendors budget forecast "
                    + "incident postmortem onboarding checklist release notes sql query performance kubernetes deployment")
            .split(" ");
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final JsonFactory JSON = new JsonFactory();

    private final long seed;
    private final boolean content;
    private final int users;
    private final Instant start;

    private LogGenerator(long seed, boolean content, int users, Instant start) {
        this.seed = seed;
        this.content = content;
        this.users = users;
        this.start = start;
    }

    /** Seeded generator with content, 500 users, starting 2026-11-02T00:00:00Z. */
    public static LogGenerator seeded(long seed) {
        return new LogGenerator(seed, true, 500, Instant.parse("2026-11-02T00:00:00Z"));
    }

    /** This generator without content (classification-only logs, as most proxies keep). */
    public LogGenerator withoutContent() {
        return new LogGenerator(seed, false, users, start);
    }

    public LogGenerator withUsers(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("users must be positive: " + n);
        }
        return new LogGenerator(seed, content, n, start);
    }

    public LogGenerator startingAt(Instant t) {
        return new LogGenerator(seed, content, users, Objects.requireNonNull(t, "t"));
    }

    /** Writes {@code records} JSONL lines to {@code out} (not closed). */
    public void write(long records, OutputStream out) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int totalWeight = 0;
        for (String[] d : DESTINATIONS) {
            totalWeight += Integer.parseInt(d[1]);
        }
        long span = 14L * 24 * 3600;
        ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        try {
            for (long i = 0; i < records; i++) {
                line.reset();
                try (JsonGenerator g = JSON.createGenerator(line)) {
                    g.writeStartObject();
                    long t = start.getEpochSecond() + (span * i / Math.max(1, records));
                    // daily rhythm: office hours are busy, nights quiet
                    int hourOfDay = (int) ((t / 3600) % 24);
                    if ((hourOfDay < 7 || hourOfDay > 19) && rnd.nextInt(3) != 0) {
                        t += (12 - hourOfDay) * 3600L;
                    }
                    g.writeStringField(
                            "time", Instant.ofEpochSecond(t + rnd.nextInt(3600)).toString());
                    // uneven activity: a few users send most requests
                    int u = (int) Math.min(users - 1, Math.floor(Math.pow(rnd.nextDouble(), 2.5) * users));
                    g.writeStringField("user", String.format("u-%04d", u + 1));
                    g.writeStringField("url", pick(rnd, totalWeight));
                    String c = CLASSIFICATIONS[rnd.nextInt(CLASSIFICATIONS.length)];
                    if (c != null) {
                        g.writeStringField("classification", c);
                    }
                    if (content) {
                        g.writeStringField("content", prompt(rnd));
                    }
                    g.writeStringField("method", "POST");
                    g.writeNumberField("status", 200);
                    g.writeEndObject();
                }
                line.write('\n');
                line.writeTo(out);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the synthetic log", e);
        }
    }

    /** {@link #write} into a string, for tests. */
    public String toJsonl(long records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(records, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String pick(SplittableRandom rnd, int totalWeight) {
        int r = rnd.nextInt(totalWeight);
        for (String[] d : DESTINATIONS) {
            r -= Integer.parseInt(d[1]);
            if (r < 0) {
                return d[0];
            }
        }
        return DESTINATIONS[0][0];
    }

    private static String prompt(SplittableRandom rnd) {
        StringBuilder b = new StringBuilder(200);
        int words = 8 + rnd.nextInt(40);
        for (int w = 0; w < words; w++) {
            b.append(WORDS[rnd.nextInt(WORDS.length)]).append(' ');
        }
        int kind = rnd.nextInt(100);
        if (kind < 4) {
            b.append("aws key AKIA").append(random(rnd, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16));
        } else if (kind < 6) {
            b.append("token ghp_").append(random(rnd, ALNUM, 36));
        } else if (kind < 14) {
            b.append("please reply to ")
                    .append(random(rnd, "abcdefghijklmnopqrstuvwxyz", 6))
                    .append('.')
                    .append(random(rnd, "abcdefghijklmnopqrstuvwxyz", 7))
                    .append("@example.com");
        } else if (kind < 17) {
            b.append("card ").append(luhnCard(rnd));
        } else if (kind < 19) {
            b.append("ssn ")
                    .append(100 + rnd.nextInt(500))
                    .append('-')
                    .append(10 + rnd.nextInt(89))
                    .append('-')
                    .append(1000 + rnd.nextInt(8999));
        } else if (kind < 22) {
            b.append("call me at +1 415 555 0").append(100 + rnd.nextInt(899));
        }
        return b.toString().strip();
    }

    private static String random(SplittableRandom rnd, String alphabet, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    /** 16 digits starting with 4 that pass the Luhn check. */
    static String luhnCard(SplittableRandom rnd) {
        int[] d = new int[16];
        d[0] = 4;
        for (int i = 1; i < 15; i++) {
            d[i] = rnd.nextInt(10);
        }
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            int v = d[14 - i];
            if (i % 2 == 0) {
                v *= 2;
                if (v > 9) {
                    v -= 9;
                }
            }
            sum += v;
        }
        d[15] = (10 - sum % 10) % 10;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            b.append(d[i]);
            if (i % 4 == 3 && i < 15) {
                b.append(' ');
            }
        }
        return b.toString();
    }
}
