package dev.clearance.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the Markdown true to the code: every fenced block preceded by {@code <!-- snippet: FILE#TAG -->} must equal
 * the region between {@code tag::TAG[]} and {@code end::TAG[]} of that file (indentation removed). The tag lines
 * may be comments of any syntax ({@code //}, {@code #}, {@code <!-- -->}): only their text is searched. Without
 * {@code #TAG} the block must equal the whole file (for formats without comments, such as CSV decision tables).
 */
class SnippetsTest {
    private static final Pattern MARKER =
            Pattern.compile("<!-- snippet: ([^#\\s]+)(?:#([\\w-]+))? -->\\s*\\n```\\w*\\n(.*?)\\n```", Pattern.DOTALL);

    @Test
    void markdownSnippets_matchTheTaggedTestCode() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> docs = new ArrayList<>();
        docs.add(root.resolve("README.md"));
        try (Stream<Path> walk = Files.list(root.resolve("docs"))) {
            walk.filter(p -> p.toString().endsWith(".md")).forEach(docs::add);
        }
        int checked = 0;
        for (Path doc : docs) {
            Matcher m = MARKER.matcher(Files.readString(doc));
            while (m.find()) {
                String expected = m.group(2) == null
                        ? Files.readString(root.resolve(m.group(1))).stripTrailing()
                        : region(root.resolve(m.group(1)), m.group(2));
                assertThat(m.group(3))
                        .as(doc.getFileName() + " snippet " + m.group(1) + "#" + m.group(2))
                        .isEqualTo(expected);
                checked++;
            }
        }
        assertThat(checked).as("snippets found in README.md and docs/*.md").isGreaterThanOrEqualTo(2);
    }

    @Test
    void region_hashCommentTags_inYamlAndDslr_areFound() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        assertThat(region(root.resolve("docs/src/test/resources/packs/acme/pack.yaml"), "manifest"))
                .startsWith("id: acme-policy");
        assertThat(region(
                        root.resolve("policy-rules/src/test/resources/packs/dslr-pack/rules/findings.dslr"),
                        "findings"))
                .startsWith("rule \"secret.redact\"");
    }

    static String region(Path source, String tag) throws IOException {
        List<String> lines = Files.readAllLines(source);
        int start = -1;
        int end = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("tag::" + tag + "[]")) {
                start = i + 1;
            } else if (lines.get(i).contains("end::" + tag + "[]")) {
                end = i;
            }
        }
        assertThat(start).as("tag " + tag + " in " + source).isPositive();
        assertThat(end).as("end of tag " + tag + " in " + source).isGreaterThan(start);
        List<String> region = lines.subList(start, end);
        int indent = region.stream()
                .filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length())
                .min()
                .orElse(0);
        return String.join(
                "\n",
                region.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList());
    }
}
