package dev.clearance.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The scanning inputs: the shared realistic mix written by {@code ../shared/bench/gen_prose.py} (≈ 2 KB documents
 * of prose, code, config and logs, about one planted secret or personal datum per 2 KB, and the same text as one
 * document), or, when that generator is absent, the project's own {@link Requests#mixed} text.
 *
 * <p>{@code benchmarks/run} generates the shared inputs into {@code benchmarks/target/inputs} and passes the
 * directory as the system property {@value #PROPERTY}.
 */
final class SharedMix {
    static final String PROPERTY = "clearance.bench.inputs";
    private static final String DOCS = "prose-10m.jsonl";
    private static final String SINGLE = "prose-10m-single.jsonl";
    private static SharedMix loaded;

    /** Where the text came from, for the summary. */
    final String source;
    /** The ≈ 2 KB documents. */
    final List<String> docs;
    /** All of the text as one document. */
    final String single;

    private SharedMix(String source, List<String> docs, String single) {
        this.source = source;
        this.docs = List.copyOf(docs);
        this.single = single;
    }

    static synchronized SharedMix load() {
        if (loaded == null) {
            String dir = System.getProperty(PROPERTY, "");
            Path docs = Path.of(dir, DOCS);
            loaded = !dir.isEmpty() && Files.isRegularFile(docs)
                    ? fromGenerator(docs, Path.of(dir, SINGLE))
                    : fromProject();
        }
        return loaded;
    }

    /** Whether {@code dir} holds the shared inputs. */
    static boolean present(Path dir) {
        return Files.isRegularFile(dir.resolve(DOCS)) && Files.isRegularFile(dir.resolve(SINGLE));
    }

    /** The first {@code chars} of the single document (repeated when it is shorter). */
    String prefix(int chars) {
        StringBuilder b = new StringBuilder(chars);
        while (b.length() < chars) {
            b.append(single, 0, Math.min(single.length(), chars - b.length()));
        }
        return b.toString();
    }

    long docChars() {
        long n = 0;
        for (String d : docs) {
            n += d.length();
        }
        return n;
    }

    private static SharedMix fromGenerator(Path docs, Path single) {
        List<String> texts = texts(docs);
        List<String> one = texts(single);
        return new SharedMix("shared-gen_prose", texts, one.isEmpty() ? String.join("\n\n", texts) : one.get(0));
    }

    private static SharedMix fromProject() {
        String all = Requests.mixed(10_000_000, 42);
        List<String> docs = new ArrayList<>();
        for (int at = 0; at < all.length(); at += 2048) {
            docs.add(all.substring(at, Math.min(all.length(), at + 2048)));
        }
        return new SharedMix("project-generator", docs, all);
    }

    /** The {@code text} of each line of {@code jsonl}. */
    static List<String> texts(Path jsonl) {
        return field(jsonl, "text");
    }

    /** The {@code id} of each line of {@code jsonl}, in the order of {@link #texts}. */
    static List<String> ids(Path jsonl) {
        return field(jsonl, "id");
    }

    private static List<String> field(Path jsonl, String name) {
        ObjectMapper json = new ObjectMapper();
        List<String> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    JsonNode n = json.readTree(line);
                    out.add(n.path(name).asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
