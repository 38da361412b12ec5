package dev.clearance.internal.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clearance.ContentScanner;
import dev.clearance.Finding;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

/**
 * Benchmark harness until the CLI exists: reads {@code {"id","text"}} JSON lines on stdin and writes
 * {@code {"id","findings":[{"type","rule","start","end"}]}} lines on stdout, in order.
 */
public final class ScanJsonl {
    private ScanJsonl() {}

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ContentScanner scanner = ContentScanner.defaults();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = json.readTree(line);
                ObjectNode result = json.createObjectNode();
                result.put("id", node.path("id").asText());
                ArrayNode findings = result.putArray("findings");
                for (Finding f : scanner.scan(node.path("text").asText(""))) {
                    findings.addObject()
                            .put("type", f.type())
                            .put("rule", f.rule())
                            .put("start", f.start())
                            .put("end", f.end());
                }
                out.write(json.writeValueAsString(result));
                out.newLine();
            }
        }
    }
}
