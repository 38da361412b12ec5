package dev.clearance.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.clearance.Diagnostic;
import dev.clearance.Product;
import dev.clearance.RulePackCompilationException;
import dev.clearance.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Reads catalog YAML ({@code products: [...]}) strictly. Internal. */
public final class CatalogYaml {
    private CatalogYaml() {
    }

    /** The document shape: a list of products, plus optional free-form metadata. */
    record CatalogFile(String checked, String description, List<Product> products) {
    }

    public static List<Product> read(InputStream in, String resource) {
        try {
            CatalogFile file = Mappers.yaml().readValue(in, CatalogFile.class);
            if (file == null || file.products() == null) {
                throw new RulePackCompilationException(resource, List.of(new Diagnostic(Severity.ERROR, resource, 1,
                        1, null, "catalog has no 'products' list")));
            }
            return file.products();
        } catch (JsonProcessingException e) {
            throw new RulePackCompilationException(resource, List.of(toDiagnostic(e, resource)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** A diagnostic at the error's line and column. */
    public static Diagnostic toDiagnostic(JsonProcessingException e, String resource) {
        JsonLocation loc = e.getLocation();
        int line = loc == null ? 0 : loc.getLineNr();
        int col = loc == null ? 0 : loc.getColumnNr();
        return new Diagnostic(Severity.ERROR, resource, line, col, null, Mappers.describe(e));
    }
}
