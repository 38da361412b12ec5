package dev.clearance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.clearance.authoring.PolicyCases;
import dev.clearance.catalog.ProviderCatalog;
import dev.clearance.pack.PackTrust;
import dev.clearance.pack.RulePack;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON Schemas under docs/schemas/ accept exactly what the loaders accept: every document below goes to both,
 * and both must give the verdict the document is labelled with.
 */
class SchemasTest {
    static final Path SCHEMAS = Path.of("../docs/schemas");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path tmp;

    record Doc(boolean valid, String label, String text) {}

    static Doc ok(String label, String text) {
        return new Doc(true, label, text);
    }

    static Doc bad(String label, String text) {
        return new Doc(false, label, text);
    }

    static Schema schema(String name) throws IOException {
        JsonNode node = new ObjectMapper().readTree(SCHEMAS.resolve(name).toFile());
        assertThat(node.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(node);
    }

    static boolean schemaAccepts(Schema schema, String text) {
        JsonNode node;
        try {
            node = YAML.readTree(text);
        } catch (IOException e) {
            return false;
        }
        return node != null && schema.validate(node).isEmpty();
    }

    private void assertAgree(String schemaName, List<Doc> docs, Predicate<String> loaderAccepts) throws IOException {
        Schema schema = schema(schemaName);
        List<String> disagreements = new ArrayList<>();
        for (Doc d : docs) {
            boolean bySchema = schemaAccepts(schema, d.text());
            boolean byLoader = loaderAccepts.test(d.text());
            if (bySchema != d.valid() || byLoader != d.valid()) {
                disagreements.add(d.label() + ": expected " + (d.valid() ? "valid" : "invalid") + ", schema "
                        + (bySchema ? "accepts" : "rejects") + ", loader " + (byLoader ? "accepts" : "rejects"));
            }
        }
        assertThat(disagreements).as(schemaName).isEmpty();
        assertThat(docs).anyMatch(Doc::valid).anyMatch(d -> !d.valid());
    }

    private boolean packLoads(String manifest) {
        try {
            Path dir = Files.createTempDirectory(tmp, "pack");
            Files.createDirectories(dir.resolve("policy"));
            Files.writeString(dir.resolve("policy/starter.drl"), "package policy;\n");
            Files.writeString(dir.resolve("terms.txt"), "# code names\nbluebird\n");
            Files.writeString(dir.resolve("pack.yaml"), manifest);
            RulePack.load(dir, PackTrust.none());
            return true;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean catalogLoads(String text) {
        try {
            ProviderCatalog.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "catalog.yaml");
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private boolean casesLoad(String text) {
        try {
            Path f = Files.createTempFile(tmp, "cases", ".yaml");
            Files.writeString(f, text);
            PolicyCases.load(f);
            return true;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Test
    void packSchema_agreesWithTheLoader() throws IOException {
        List<Doc> docs = new ArrayList<>(List.of(
                ok("minimal", "id: p\nversion: \"1\"\n"),
                ok("files listed", "id: p\nversion: \"1\"\ndescription: d\nfiles: [policy/starter.drl]\n"),
                ok("builtin dsl", "id: p\nversion: \"1\"\ndsl: builtin\nfiles: [policy/starter.drl]\n"),
                ok(
                        "term sets",
                        "id: p\nversion: \"1\"\ntermSets:\n  - {name: codenames, classification: CONFIDENTIAL,"
                                + " terms: [bluebird]}\n  - {name: hosts_1, redact: true, patterns: ['h[0-9]+'],"
                                + " termsFile: terms.txt}\n"),
                bad("empty document", ""),
                bad("not a mapping", "- id\n- version\n"),
                bad("no id", "version: \"1\"\n"),
                bad("no version", "id: p\n"),
                bad("blank id", "id: \"  \"\nversion: \"1\"\n"),
                bad("number version", "id: p\nversion: 1\n"),
                bad("unknown key", "id: p\nversion: \"1\"\nrules: [a.drl]\n"),
                bad("misspelt key", "id: p\nversion: \"1\"\nfile: [policy/starter.drl]\n"),
                bad("files not a list", "id: p\nversion: \"1\"\nfiles: policy/starter.drl\n"),
                bad("not a rule file", "id: p\nversion: \"1\"\nfiles: [policy/starter.txt]\n"),
                bad("unknown dsl", "id: p\nversion: \"1\"\ndsl: mine\n"),
                bad("term set without effect", "id: p\nversion: \"1\"\ntermSets:\n  - {name: a, terms: [x]}\n"),
                bad(
                        "term set redact false only",
                        "id: p\nversion: \"1\"\ntermSets:\n  - {name: a, redact: false, terms: [x]}\n"),
                bad("term set bad name", "id: p\nversion: \"1\"\ntermSets:\n  - {name: 'a b', redact: true}\n"),
                bad(
                        "term set bad classification",
                        "id: p\nversion: \"1\"\ntermSets:\n  - {name: a, classification: SECRET}\n"),
                bad(
                        "term set lower-case classification",
                        "id: p\nversion: \"1\"\ntermSets:\n  - {name: a, classification: internal}\n"),
                bad("term set unknown key", "id: p\nversion: \"1\"\ntermSets:\n  - {name: a, redact: true, x: 1}\n"),
                bad("redact as string", "id: p\nversion: \"1\"\ntermSets:\n  - {name: a, redact: 'true'}\n"),
                ok("phone regions", "id: p\nversion: \"1\"\nphoneRegions: [GB, de]\n"),
                ok("entities off", "id: p\nversion: \"1\"\nentities: {enabled: false, types: [PERSON, location]}\n"),
                bad("phone regions empty", "id: p\nversion: \"1\"\nphoneRegions: []\n"),
                bad("phone region of three letters", "id: p\nversion: \"1\"\nphoneRegions: [GBR]\n"),
                bad("entities without enabled", "id: p\nversion: \"1\"\nentities: {types: [PERSON]}\n"),
                bad("entities unknown type", "id: p\nversion: \"1\"\nentities: {enabled: false, types: [PLANET]}\n"),
                bad("entities unknown key", "id: p\nversion: \"1\"\nentities: {enabled: false, kinds: [PERSON]}\n")));
        for (Path shipped : List.of(
                Path.of("../policy-rules/src/main/resources/dev/clearance/policy/v1/pack.yaml"),
                Path.of("../policy-rules/src/test/resources/packs/dslr-pack/pack.yaml"),
                Path.of("../docs/src/test/resources/packs/acme/pack.yaml"))) {
            assertThat(schemaAccepts(schema("pack.schema.json"), Files.readString(shipped)))
                    .as(shipped.toString())
                    .isTrue();
        }
        docs.add(ok("scaffolded", InitCommand.files("p", false, "1").get("pack.yaml")));
        assertAgree("pack.schema.json", docs, this::packLoads);
    }

    static final String PRODUCT = "id: acme:chat\n    provider: Acme\n    tier: CONSUMER\n    trainsByDefault: true\n"
            + "    optOutAvailable: false\n    zdrAvailable: false\n    humanReview: false\n";

    @Test
    void catalogSchema_agreesWithTheLoader() throws IOException {
        List<Doc> docs = List.of(
                ok("minimal product", "products:\n  - " + PRODUCT),
                ok("empty list", "products: []\n"),
                ok(
                        "every key",
                        "checked: \"2026-11-22\"\ndescription: d\nproducts:\n  - " + PRODUCT
                                + "    name: Acme Chat\n    retention: 30 days\n    source: https://acme.example/\n"
                                + "    checked: \"2026-11-22\"\n    note: n\n    hosts: [chat.acme.example]\n"),
                bad("empty document", ""),
                bad("no products", "description: d\n"),
                bad("products not a list", "products: {id: x}\n"),
                bad("unknown top-level key", "products: []\nowner: me\n"),
                bad("unknown product key", "products:\n  - " + PRODUCT + "    training: true\n"),
                bad("no id", "products:\n  - " + PRODUCT.replace("id: acme:chat\n    ", "")),
                bad("no provider", "products:\n  - " + PRODUCT.replace("    provider: Acme\n", "")),
                bad("no tier", "products:\n  - " + PRODUCT.replace("    tier: CONSUMER\n", "")),
                bad("tier UNKNOWN", "products:\n  - " + PRODUCT.replace("CONSUMER", "UNKNOWN")),
                bad("tier misspelt", "products:\n  - " + PRODUCT.replace("CONSUMER", "CONSUMERS")),
                bad(
                        "boolean as string",
                        "products:\n  - " + PRODUCT.replace("humanReview: false", "humanReview: 'no'")),
                bad("missing boolean", "products:\n  - " + PRODUCT.replace("    trainsByDefault: true\n", "")),
                bad("hosts not a list", "products:\n  - " + PRODUCT + "    hosts: chat.acme.example\n"));
        assertThat(schemaAccepts(
                        schema("catalog.schema.json"),
                        Files.readString(
                                Path.of("../policy-rules/src/main/resources/dev/clearance/policy/v1/catalog.yaml"))))
                .as("the built-in catalog")
                .isTrue();
        assertAgree("catalog.schema.json", docs, SchemasTest::catalogLoads);
    }

    static final String REQUEST = "{destination: {product: \"openai:chatgpt-free\"}, data: {classification: INTERNAL}}";

    static String oneCase(String body) {
        return "cases:\n  - " + body + "\n";
    }

    @Test
    void caseSchema_agreesWithTheLoader() throws IOException {
        List<Doc> docs = new ArrayList<>(List.of(
                ok("minimal", oneCase("{name: n, request: " + REQUEST + ", expect: {effect: DENY}}")),
                ok("no cases", "cases: []\n"),
                ok(
                        "description as name",
                        oneCase("{description: d, request: " + REQUEST + ", expect: {effect: DENY}}")),
                ok(
                        "every key",
                        oneCase("{name: n, request: {id: r1, user: {id: u, groups: [eng]}, destination: {provider: x,"
                                + " tier: API, trainingOptOut: true, zeroDataRetention: false}, data: {classification:"
                                + " PUBLIC, content: hello, labels: [docs]}, purpose: chat}, expect: {effect: REDACT,"
                                + " reasons: [a.b], redactedTypes: [EMAIL_ADDRESS]}}")),
                bad("empty document", ""),
                bad("no cases key", "tests: []\n"),
                bad("cases not a list", "cases: {name: n}\n"),
                bad("no name", oneCase("{request: " + REQUEST + ", expect: {effect: DENY}}")),
                bad("blank name", oneCase("{name: ' ', request: " + REQUEST + ", expect: {effect: DENY}}")),
                bad("no request", oneCase("{name: n, expect: {effect: DENY}}")),
                bad("request not an object", oneCase("{name: n, request: [1], expect: {effect: DENY}}")),
                bad("no expect", oneCase("{name: n, request: " + REQUEST + "}")),
                bad("no effect", oneCase("{name: n, request: " + REQUEST + ", expect: {reasons: [a]}}")),
                bad("bad effect", oneCase("{name: n, request: " + REQUEST + ", expect: {effect: BLOCK}}")),
                bad("lower-case effect", oneCase("{name: n, request: " + REQUEST + ", expect: {effect: deny}}")),
                bad(
                        "unknown case key",
                        oneCase("{name: n, tags: [x], request: " + REQUEST + ", expect: {effect: DENY}}")),
                bad(
                        "unknown expect key",
                        oneCase("{name: n, request: " + REQUEST + ", expect: {effect: DENY, why: x}}")),
                bad(
                        "reasons not a list",
                        oneCase("{name: n, request: " + REQUEST + ", expect: {effect: DENY, reasons: a}}")),
                bad(
                        "no destination",
                        oneCase("{name: n, request: {data: {classification: PUBLIC}}, expect: {effect: DENY}}")),
                bad(
                        "tier without provider",
                        oneCase("{name: n, request: {destination: {tier: API}}, expect: {effect: DENY}}")),
                bad(
                        "provider without tier",
                        oneCase("{name: n, request: {destination: {provider: x}}, expect: {effect: DENY}}")),
                bad(
                        "tier UNKNOWN",
                        oneCase(
                                "{name: n, request: {destination: {provider: x, tier: UNKNOWN}}, expect: {effect: DENY}}")),
                bad(
                        "unknown request key",
                        oneCase("{name: n, request: {destination: {product: p}, prompt: x}, expect: {effect: DENY}}")),
                bad(
                        "unknown destination key",
                        oneCase(
                                "{name: n, request: {destination: {product: p, training: true}}, expect: {effect: DENY}}")),
                bad(
                        "bad classification",
                        oneCase("{name: n, request: {destination: {product: p}, data: {classification: SECRET}},"
                                + " expect: {effect: DENY}}")),
                bad(
                        "opt-out as string",
                        oneCase("{name: n, request: {destination: {product: p, trainingOptOut: 'yes'}},"
                                + " expect: {effect: DENY}}"))));
        docs.add(ok("scaffolded", InitCommand.files("p", false, "1").get(InitCommand.CASES)));
        for (Path shipped : List.of(
                Path.of("../policy-rules/src/test/resources/cases/findings/pii.yaml"),
                Path.of("../policy-rules/src/test/resources/cases/matrix/classification-by-destination.yaml"),
                Path.of("../docs/src/test/resources/packs/acme/cases/acme.yaml"))) {
            docs.add(ok(shipped.toString(), Files.readString(shipped)));
        }
        assertAgree("cases.schema.json", docs, this::casesLoad);
    }

    @Test
    void scaffoldedFiles_nameTheSchemasInAModeline() {
        Map<String, String> files = InitCommand.files("p", true, "1");
        assertThat(files.get("src/main/resources/pack.yaml"))
                .startsWith("# yaml-language-server: $schema=" + InitCommand.SCHEMA_BASE + "pack.schema.json\n");
        assertThat(files.get(InitCommand.MAVEN_CASES))
                .startsWith("# yaml-language-server: $schema=" + InitCommand.SCHEMA_BASE + "cases.schema.json\n");
        for (String name : List.of("pack.schema.json", "cases.schema.json", "catalog.schema.json")) {
            assertThat(SCHEMAS.resolve(name)).exists();
        }
    }
}
