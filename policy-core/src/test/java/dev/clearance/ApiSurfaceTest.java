package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The public API must not leak the rule engine: Drools upgrades stay our private business. */
class ApiSurfaceTest {
    private static final List<String> FORBIDDEN = List.of("org.kie.", "org.drools.", "com.fasterxml.");

    @Test
    void publicApi_hasNoEngineOrJacksonTypesInSignatures() throws Exception {
        List<Class<?>> api = apiClasses();
        assertThat(api)
                .extracting(Class::getName)
                .contains(
                        "dev.clearance.PolicyEngine",
                        "dev.clearance.Decision",
                        "dev.clearance.facts.Verdict",
                        "dev.clearance.spi.Detector");

        List<String> leaks = new ArrayList<>();
        for (Class<?> c : api) {
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers())) {
                    check(leaks, c, m.getName(), m.getGenericReturnType());
                    for (Type t : m.getGenericParameterTypes()) {
                        check(leaks, c, m.getName(), t);
                    }
                    for (Type t : m.getGenericExceptionTypes()) {
                        check(leaks, c, m.getName(), t);
                    }
                }
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (Modifier.isPublic(k.getModifiers())) {
                    for (Type t : k.getGenericParameterTypes()) {
                        check(leaks, c, "<init>", t);
                    }
                }
            }
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isPublic(f.getModifiers())) {
                    check(leaks, c, f.getName(), f.getGenericType());
                }
            }
            check(leaks, c, "extends", c.getGenericSuperclass());
            for (Type t : c.getGenericInterfaces()) {
                check(leaks, c, "implements", t);
            }
        }
        assertThat(leaks).isEmpty();
    }

    private static void check(List<String> leaks, Class<?> owner, String member, Type type) {
        if (type == null) {
            return;
        }
        String name = type.getTypeName();
        for (String prefix : FORBIDDEN) {
            if (name.contains(prefix)) {
                leaks.add(owner.getName() + "." + member + ": " + name);
            }
        }
    }

    private static List<Class<?>> apiClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(PolicyEngine.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root.resolve("dev/clearance"))) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.contains(".internal.")) {
                    continue;
                }
                Class<?> c = Class.forName(name, false, PolicyEngine.class.getClassLoader());
                if (Modifier.isPublic(c.getModifiers())) {
                    classes.add(c);
                }
            }
        }
        return classes;
    }
}
