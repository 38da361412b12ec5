package dev.clearance.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spring Boot 3.5 application (spring-boot-starter-parent 3.5.7, web, actuator, test) keeps every third-party
 * version when it imports {@code clearance-bom}, and keeps Boot's Jackson, SLF4J, Logback and JUnit when it then
 * adds {@code clearance-spring-boot-starter}. Runs {@code mvn dependency:tree} (POMs only) on the sample project
 * three times. Nothing is installed into the user's repository: Clearance's POMs are laid into a local repository
 * under a temporary directory, which reads everything else from the user's repository (as a read-only file
 * repository) and from Maven Central.
 */
class BootConsumerTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Pattern NODE =
            Pattern.compile("([\\w.\\-]+):([\\w.\\-]+):(?:jar|pom):([^:\\s]+):(compile|runtime|test|provided|import)");

    private static String version() throws IOException {
        Matcher m = Pattern.compile("<artifactId>clearance-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static void lay(Path repo, String artifact, Path pom, String version) throws IOException {
        Path dir = Files.createDirectories(repo.resolve("dev/clearance/" + artifact + "/" + version));
        Files.copy(pom, dir.resolve(artifact + "-" + version + ".pom"));
    }

    private static String app(String version, boolean bom, boolean starter) {
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <parent>
                    <groupId>org.springframework.boot</groupId>
                    <artifactId>spring-boot-starter-parent</artifactId>
                    <version>3.5.7</version>
                    <relativePath/>
                  </parent>
                  <groupId>example</groupId>
                  <artifactId>boot-consumer</artifactId>
                  <version>1</version>
                """
                + (bom ? """
                          <dependencyManagement><dependencies><dependency>
                            <groupId>dev.clearance</groupId><artifactId>clearance-bom</artifactId>
                            <version>%s</version><type>pom</type><scope>import</scope>
                          </dependency></dependencies></dependencyManagement>
                        """.formatted(version) : "")
                + """
                  <dependencies>
                    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency>
                    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-actuator</artifactId></dependency>
                    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-test</artifactId><scope>test</scope></dependency>
                """
                + (starter
                        ? "    <dependency><groupId>dev.clearance</groupId>"
                                + "<artifactId>clearance-spring-boot-starter</artifactId></dependency>\n"
                        : "")
                + """
                  </dependencies>
                </project>
                """;
    }

    /** groupId:artifactId → version of every node of the sample's dependency tree. */
    private static Map<String, String> tree(Path work, Path repo, Path settings, String pom, String name)
            throws IOException, InterruptedException {
        Path dir = Files.createDirectories(work.resolve(name));
        Files.writeString(dir.resolve("pom.xml"), pom);
        Path out = dir.resolve("tree.txt");
        Path log = dir.resolve("mvn.log");
        Process p = new ProcessBuilder(
                        "mvn",
                        "-B",
                        "-nsu",
                        "-s",
                        settings.toString(),
                        "-Dmaven.repo.local=" + repo,
                        "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:tree",
                        "-DoutputFile=" + out)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("mvn finished").isTrue();
        assertThat(p.exitValue())
                .as(() -> {
                    try {
                        return Files.readString(log);
                    } catch (IOException e) {
                        return e.toString();
                    }
                })
                .isZero();
        Map<String, String> versions = new TreeMap<>();
        Matcher m = NODE.matcher(Files.readString(out, StandardCharsets.UTF_8));
        while (m.find()) {
            versions.put(m.group(1) + ":" + m.group(2), m.group(3));
        }
        return versions;
    }

    @Test
    void bootApplication_importingTheBom_keepsEveryThirdPartyVersion(@TempDir Path work) throws Exception {
        String version = version();
        Path repo = Files.createDirectories(work.resolve("repository"));
        lay(repo, "clearance-parent", ROOT.resolve("pom.xml"), version);
        lay(repo, "clearance-bom", ROOT.resolve("clearance-bom/pom.xml"), version);
        for (String module : new String[] {"policy-core", "policy-rules", "clearance-spring-boot-starter"}) {
            lay(repo, module, ROOT.resolve(module + "/pom.xml"), version);
        }
        Path userRepository = Path.of(System.getProperty("user.home"), ".m2", "repository");
        String fileRepo = """
                <repository><id>user-repository</id><url>%s</url>
                  <releases><enabled>true</enabled></releases><snapshots><enabled>false</enabled></snapshots>
                </repository>""".formatted(userRepository.toUri());
        Path settings = Files.writeString(work.resolve("settings.xml"), """
                <settings><profiles><profile><id>read-user-repository</id>
                  <repositories>%s</repositories>
                  <pluginRepositories>%s</pluginRepositories>
                </profile></profiles>
                <activeProfiles><activeProfile>read-user-repository</activeProfile></activeProfiles></settings>
                """.formatted(
                        fileRepo, fileRepo.replace("repository>", "pluginRepository>")));

        Map<String, String> boot = tree(work, repo, settings, app(version, false, false), "boot");
        Map<String, String> withBom = tree(work, repo, settings, app(version, true, false), "boot-bom");
        Map<String, String> withStarter = tree(work, repo, settings, app(version, true, true), "boot-bom-starter");

        assertThat(boot)
                .containsKeys(
                        "com.fasterxml.jackson.core:jackson-databind",
                        "org.slf4j:slf4j-api",
                        "ch.qos.logback:logback-classic",
                        "org.junit.jupiter:junit-jupiter-api");
        assertThat(withBom).as("importing the BOM changes nothing").isEqualTo(boot);
        for (Map.Entry<String, String> e : boot.entrySet()) {
            assertThat(withStarter.get(e.getKey()))
                    .as("%s with clearance-spring-boot-starter", e.getKey())
                    .isEqualTo(e.getValue());
        }
        assertThat(withStarter).containsEntry("dev.clearance:policy-core", version);
    }
}
