package dev.clearance.internal.pack;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.clearance.Diagnostic;
import dev.clearance.RulePackCompilationException;
import dev.clearance.Severity;
import dev.clearance.catalog.Product;
import dev.clearance.internal.json.Mappers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads catalog YAML ({@code products: [...]}) strictly. Internal. */
public final class CatalogYaml {
    private CatalogYaml() {}

    /** The document shape: a list of products, plus optional free-form metadata. */
    record CatalogFile(String checked, String description, List<Product> products) {}

    public static List<Product> read(InputStream in, String resource) {
        byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        try {
            CatalogFile file = Mappers.yaml().readValue(bytes, CatalogFile.class);
            if (file == null || file.products() == null) {
                throw new RulePackCompilationException(
                        resource,
                        List.of(new Diagnostic(
                                Severity.ERROR, resource, 1, 1, null, "catalog has no 'products' list")));
            }
            return file.products();
        } catch (JsonProcessingException e) {
            throw new RulePackCompilationException(resource, List.of(toDiagnostic(e, resource, bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /**
     * A diagnostic at the error's line and column. YAML parsers report a mapping error where they stopped,
     * which can be past the offending key: the line of the key itself is searched backwards from there.
     */
    public static Diagnostic toDiagnostic(JsonProcessingException e, String resource, byte[] document) {
        JsonLocation loc = e.getLocation();
        int line = loc == null ? 0 : loc.getLineNr();
        int col = loc == null ? 0 : loc.getColumnNr();
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty() && line > 0) {
            String key = m.getPath().get(m.getPath().size() - 1).getFieldName();
            if (key != null && !key.isBlank()) {
                String[] lines = new String(document, StandardCharsets.UTF_8).split("\n", -1);
                for (int i = Math.min(line, lines.length) - 1; i >= 0; i--) {
                    int at = keyColumn(lines[i], key);
                    if (at >= 0) {
                        line = i + 1;
                        col = at + 1;
                        break;
                    }
                }
            }
        }
        return new Diagnostic(Severity.ERROR, resource, line, col, null, Mappers.describe(e));
    }

    private static int keyColumn(String line, String key) {
        int at = line.indexOf(key);
        while (at >= 0 && at < line.length()) {
            int after = at + key.length();
            boolean startOk = at == 0 || " -{,\"'".indexOf(line.charAt(at - 1)) >= 0;
            String rest = line.substring(after).stripLeading();
            if (startOk && (rest.startsWith(":") || rest.startsWith("\":") || rest.startsWith("':"))) {
                return at;
            }
            at = line.indexOf(key, at + 1);
        }
        return -1;
    }
}
