package dev.clearance.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description = {
            "Creates a rule pack skeleton in DIR: pack.yaml, one DRL with the fact imports, a case file and a",
            "README, which 'clearance check' and 'clearance test' pass at once. With --maven, a Maven layout",
            "(pom.xml depending on policy-core, rules under src/main/resources) so IDE DRL plugins resolve the",
            "fact classes. Refuses a non-empty DIR (exit 3) unless --force."
        })
final class InitCommand implements Callable<Integer> {
    /** Where the JSON Schemas of the pack formats are published (docs/schemas/ of the repository). */
    static final String SCHEMA_BASE = "https://raw.githubusercontent.com/clearance-dev/clearance/main/docs/schemas/";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "Directory to create the pack in (created when missing).")
    Path dir;

    @Option(names = "--id", paramLabel = "ID", description = "Pack id (default: from DIR's name).")
    String id;

    @Option(names = "--maven", description = "Maven layout: pom.xml, src/main/resources, src/test/resources.")
    boolean maven;

    @Option(names = "--force", description = "Write into a non-empty DIR, replacing files of the same name.")
    boolean force;

    @Override
    public Integer call() {
        String packId = id != null ? id : idFrom(dir);
        if (!packId.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--id must be 1 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter or"
                            + " digit");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ExitCodes.InvalidInput("init: " + dir + " exists and is not a directory");
        }
        if (!force && nonEmpty(dir)) {
            throw new ExitCodes.InvalidInput("init: " + dir + " is not empty (use --force to write into it)");
        }
        Map<String, String> files = files(packId, maven, version());
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path p = dir.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("init: cannot write " + dir, e);
        }
        PrintWriter out = spec.commandLine().getOut();
        String pack = maven ? dir.resolve(MAVEN_PACK).toString() : dir.toString();
        String cases = dir.resolve(maven ? MAVEN_CASES : CASES).toString();
        out.println("created pack " + packId + " in " + dir + " (" + files.size() + " files)");
        out.println("next: clearance check " + pack);
        out.println("      clearance test " + pack + " " + cases);
        return ExitCodes.OK;
    }

    static final String MAVEN_PACK = "src/main/resources";
    static final String CASES = "cases/starter.yaml";
    static final String MAVEN_CASES = "src/test/resources/cases/starter.yaml";

    private static boolean nonEmpty(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException("init: cannot read " + dir, e);
        }
    }

    static String idFrom(Path dir) {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        String s = name == null ? "" : name.toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
        s = s.replaceAll("^[^a-z0-9]+", "");
        if (s.length() > 64) {
            s = s.substring(0, 64);
        }
        return s.isEmpty() ? "my-pack" : s;
    }

    private static String version() {
        String v = InitCommand.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    /** The skeleton's files, by path relative to DIR. */
    static Map<String, String> files(String packId, boolean maven, String clearanceVersion) {
        String packDir = maven ? MAVEN_PACK + "/" : "";
        Map<String, String> files = new LinkedHashMap<>();
        files.put(packDir + "pack.yaml", packYaml(packId));
        files.put(packDir + "policy/starter.drl", drl());
        files.put(maven ? MAVEN_CASES : CASES, cases());
        if (maven) {
            files.put("pom.xml", pom(packId, clearanceVersion));
        }
        files.put("README.md", readme(packId, maven));
        return files;
    }

    private static String packYaml(String packId) {
        return "# yaml-language-server: $schema=" + SCHEMA_BASE + "pack.schema.json\n"
                + "# The manifest of rule pack " + packId + ". Rule names are the ids callers see: keep them stable.\n"
                + "id: " + packId + "\n"
                + "version: \"1\"\n"
                + "description: A starter pack made by 'clearance init'; edit it to state your organization's rules.\n"
                + "files:\n"
                + "  - policy/starter.drl\n";
    }

    private static String drl() {
        return """
                // Starter rules. Every request is denied unless a rule allows it (default deny); a deny wins over
                // an allow, and redactions apply on top of an allow.
                package policy;

                import dev.clearance.Classification;
                import dev.clearance.Finding;
                import dev.clearance.FindingCategory;
                import dev.clearance.Tier;
                import dev.clearance.facts.Data;
                import dev.clearance.facts.Destination;

                global dev.clearance.facts.Verdict verdict;

                rule "starter.restricted-local-only"
                when
                    Data( classification == Classification.RESTRICTED )
                    Destination( tier != Tier.LOCAL )
                then
                    verdict.deny("RESTRICTED data may only go to a local model");
                end

                rule "starter.internal-no-training"
                when
                    Data( atLeast(Classification.INTERNAL) )
                    Destination( trainsOnData )
                then
                    verdict.deny("INTERNAL data must not go to a tool that trains on it");
                end

                rule "starter.allow"
                when
                    Data()
                    Destination()
                then
                    verdict.allow("no rule forbids this classification at this destination");
                end

                rule "starter.secret-redact"
                when
                    $f : Finding( category == FindingCategory.SECRET )
                then
                    verdict.redact($f, "credentials never go into any AI tool");
                end
                """;
    }

    private static String cases() {
        return "# yaml-language-server: $schema=" + SCHEMA_BASE + "cases.schema.json\n" + """
                # Golden cases for the starter rules: run them with 'clearance test PACK THIS_FILE'.
                cases:
                  - name: public data may go to a consumer tool
                    request:
                      destination: {provider: example, tier: CONSUMER}
                      data: {classification: PUBLIC, content: "release notes for version 2"}
                    expect:
                      effect: ALLOW
                      reasons: [starter.allow]
                  - name: internal data does not go to a tool that trains on it
                    request:
                      destination: {provider: example, tier: CONSUMER}
                      data: {classification: INTERNAL, content: "the quarterly roadmap"}
                    expect:
                      effect: DENY
                      reasons: [starter.internal-no-training]
                  - name: restricted data stays on local models
                    request:
                      destination: {provider: example, tier: ENTERPRISE}
                      data: {classification: RESTRICTED, content: "board minutes"}
                    expect:
                      effect: DENY
                      reasons: [starter.restricted-local-only]
                  - name: restricted data may go to a local model
                    request:
                      destination: {provider: example, tier: LOCAL}
                      data: {classification: RESTRICTED, content: "board minutes"}
                    expect:
                      effect: ALLOW
                """;
    }

    private static String pom(String packId, String clearanceVersion) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- A Maven layout for rule pack %1$s: policy-core on the classpath lets IDE DRL plugins resolve
                     the fact classes. The pack itself is src/main/resources (pack.yaml and the rule files). -->
                <project xmlns="http://maven.apache.org/POM/4.0.0"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example.policy</groupId>
                  <artifactId>%1$s</artifactId>
                  <version>1</version>
                  <packaging>jar</packaging>

                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                    <clearance.version>%2$s</clearance.version>
                  </properties>

                  <dependencies>
                    <dependency>
                      <!-- the fact classes the rules read (dev.clearance.facts) and the engine -->
                      <groupId>dev.clearance</groupId>
                      <artifactId>policy-core</artifactId>
                      <version>${clearance.version}</version>
                    </dependency>
                  </dependencies>
                </project>
                """.formatted(packId, clearanceVersion);
    }

    private static String readme(String packId, boolean maven) {
        String pack = maven ? MAVEN_PACK : ".";
        String cases = maven ? MAVEN_CASES : CASES;
        return "# Rule pack " + packId + "\n\n"
                + "Made by `clearance init`. The pack is `" + pack + "`: `pack.yaml` (id, version, files) and the"
                + " rules in `policy/starter.drl`.\n"
                + (maven
                        ? "The `pom.xml` puts `policy-core` on the classpath so that an IDE's DRL plugin resolves the"
                                + " fact classes (`dev.clearance.facts.*`).\n"
                        : "")
                + "\n"
                + "```\n"
                + "clearance check " + pack + "             # compile and analyse over the whole domain\n"
                + "clearance test " + pack + " " + cases + "   # run the golden cases\n"
                + "clearance diff default " + pack + "      # what changes against the built-in pack\n"
                + "```\n\n"
                + "Editors with the YAML language server complete and check `pack.yaml` and the case file from\n"
                + "the JSON Schemas named on their first line.\n";
    }
}
