package dev.clearance.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Importing {@code clearance-bom} can change no third-party version in a consumer: the BOM has no parent (so it
 * inherits no dependency management), imports no other BOM, and manages only {@code dev.clearance} artifacts, at
 * the build's own version, each one a module of this build.
 */
class BomTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private static Document read(Path pom) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(pom.toFile());
    }

    private static String child(Element e, String name) {
        NodeList l = e.getElementsByTagName(name);
        return l.getLength() == 0 ? null : l.item(0).getTextContent().strip();
    }

    @Test
    void bom_managesOnlyClearanceModulesAndInheritsNothing() throws Exception {
        Document bom = read(ROOT.resolve("clearance-bom/pom.xml"));
        Document parent = read(ROOT.resolve("pom.xml"));
        Element project = bom.getDocumentElement();

        assertThat(project.getElementsByTagName("parent").getLength())
                .as("a BOM with a parent inherits its" + " dependency management")
                .isZero();
        assertThat(child(project, "version")).isEqualTo(child(parent.getDocumentElement(), "version"));

        NodeList deps = project.getElementsByTagName("dependency");
        List<String> modules = new ArrayList<>();
        NodeList declared = parent.getElementsByTagName("module");
        for (int i = 0; i < declared.getLength(); i++) {
            modules.add(Path.of(declared.item(i).getTextContent().strip())
                    .getFileName()
                    .toString());
        }
        assertThat(deps.getLength()).isGreaterThanOrEqualTo(6);
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            assertThat(child(d, "groupId")).isEqualTo("dev.clearance");
            assertThat(child(d, "version")).isEqualTo("${project.version}");
            assertThat(child(d, "scope")).as("no import, no scope").isNull();
            assertThat(child(d, "optional")).isNull();
            assertThat(modules).as("managed artifact is a module of this build").contains(child(d, "artifactId"));
        }
    }
}
