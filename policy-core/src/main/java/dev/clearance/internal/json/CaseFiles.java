package dev.clearance.internal.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clearance.Effect;
import dev.clearance.InvalidRequestException;
import dev.clearance.PolicyRequest;
import dev.clearance.authoring.PolicyCase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads case files. Internal. */
public final class CaseFiles {
    private CaseFiles() {}

    record CaseDoc(String name, String description, JsonNode request, ExpectDoc expect) {}

    record ExpectDoc(Effect effect, List<String> reasons, Set<String> redactedTypes) {}

    record FileDoc(List<CaseDoc> cases) {}

    public static List<PolicyCase> load(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".json") ? Mappers.json() : Mappers.yaml();
        FileDoc doc;
        try {
            doc = mapper.readValue(Files.readAllBytes(file), FileDoc.class);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(Mappers.fieldPath(e), file + ": " + Mappers.describe(e));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (doc == null || doc.cases() == null) {
            throw new InvalidRequestException("cases", file + ": a case file needs a 'cases' list");
        }
        List<PolicyCase> cases = new ArrayList<>(doc.cases().size());
        for (int i = 0; i < doc.cases().size(); i++) {
            CaseDoc c = doc.cases().get(i);
            String where = "cases[" + i + "]";
            String caseName = c.name() != null ? c.name() : c.description();
            if (caseName == null || caseName.isBlank()) {
                throw new InvalidRequestException(where + ".name", file + ": " + where + " needs a name");
            }
            if (c.request() == null || !c.request().isObject()) {
                throw new InvalidRequestException(
                        where + ".request", file + ": case '" + caseName + "' needs a request object");
            }
            if (c.expect() == null || c.expect().effect() == null) {
                throw new InvalidRequestException(
                        where + ".expect.effect", file + ": case '" + caseName + "' needs expect.effect");
            }
            PolicyRequest request;
            try {
                request = RequestJson.read(c.request().toString());
            } catch (InvalidRequestException e) {
                String field = where + ".request" + (e.field().isEmpty() ? "" : "." + e.field());
                throw new InvalidRequestException(field, file + ": case '" + caseName + "': " + e.getMessage());
            }
            cases.add(new PolicyCase(
                    file.getFileName().toString(),
                    caseName,
                    request,
                    new PolicyCase.Expectation(
                            c.expect().effect(),
                            c.expect().reasons(),
                            c.expect().redactedTypes())));
        }
        return cases;
    }
}
