package dev.clearance.apicheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The public API of one module as sorted text, one line per public or protected type and member, outside
 * {@code .internal.} packages: the checked-in {@code api/<module>.api} files are this listing, and each published
 * module's {@code ApiListingTest} fails when the compiled classes no longer match it. Until a release exists to
 * run japicmp against, this is the API baseline: a change to the public API is a reviewed change to that file.
 */
public final class ApiListing {
    /** System property that rewrites the listing instead of comparing: {@code -Dclearance.api.update=true}. */
    public static final String UPDATE = "clearance.api.update";

    private ApiListing() {}

    /** The listing of every public class under {@code classesDir} (a module's {@code target/classes}). */
    public static List<String> of(Path classesDir, ClassLoader loader) {
        Set<String> lines = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(classesDir)) {
            for (Path p :
                    walk.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name =
                        classesDir.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.contains(".internal.") || name.endsWith("package-info") || name.endsWith("module-info")) {
                    continue;
                }
                Class<?> c = Class.forName(name, false, loader);
                if (c.isSynthetic() || c.isAnonymousClass() || c.isLocalClass() || !exported(c)) {
                    continue;
                }
                describe(c, lines);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return List.copyOf(lines);
    }

    private static boolean exported(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
            if (!Modifier.isPublic(k.getModifiers()) && !Modifier.isProtected(k.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static void describe(Class<?> c, Set<String> out) {
        String type = c.getTypeName();
        StringBuilder head = new StringBuilder(type).append(" : ").append(kind(c));
        if (c.getGenericSuperclass() != null && c.getSuperclass() != Object.class && !c.isEnum() && !c.isRecord()) {
            head.append(" extends ").append(c.getGenericSuperclass().getTypeName());
        }
        Type[] interfaces = c.getGenericInterfaces();
        if (interfaces.length > 0) {
            head.append(" implements ")
                    .append(String.join(
                            ", ",
                            Arrays.stream(interfaces)
                                    .map(Type::getTypeName)
                                    .sorted()
                                    .toList()));
        }
        out.add(head.toString());
        if (c.isRecord()) {
            List<String> components = new ArrayList<>();
            for (RecordComponent rc : c.getRecordComponents()) {
                components.add(rc.getGenericType().getTypeName() + " " + rc.getName());
            }
            out.add(type + " # record(" + String.join(", ", components) + ")");
        }
        for (Field f : c.getDeclaredFields()) {
            if (visible(f.getModifiers()) && !f.isSynthetic()) {
                out.add(type + " # " + mods(f.getModifiers()) + "field "
                        + f.getGenericType().getTypeName() + " " + f.getName());
            }
        }
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (visible(k.getModifiers()) && !k.isSynthetic()) {
                out.add(type + " # " + mods(k.getModifiers()) + "new(" + params(k.getGenericParameterTypes()) + ")"
                        + throwsClause(k.getGenericExceptionTypes()));
            }
        }
        for (Method m : c.getDeclaredMethods()) {
            if (visible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                out.add(type + " # " + mods(m.getModifiers())
                        + m.getGenericReturnType().getTypeName() + " "
                        + m.getName() + "(" + params(m.getGenericParameterTypes()) + ")"
                        + throwsClause(m.getGenericExceptionTypes()));
            }
        }
    }

    private static String kind(Class<?> c) {
        if (c.isAnnotation()) {
            return "annotation";
        } else if (c.isInterface()) {
            return "interface";
        } else if (c.isEnum()) {
            return "enum";
        } else if (c.isRecord()) {
            return "record";
        }
        return (Modifier.isAbstract(c.getModifiers()) ? "abstract " : "")
                + (Modifier.isFinal(c.getModifiers()) ? "final " : "") + "class";
    }

    private static boolean visible(int mods) {
        return Modifier.isPublic(mods) || Modifier.isProtected(mods);
    }

    private static String mods(int mods) {
        StringBuilder s = new StringBuilder(Modifier.isProtected(mods) ? "protected " : "");
        if (Modifier.isStatic(mods)) {
            s.append("static ");
        }
        if (Modifier.isAbstract(mods)) {
            s.append("abstract ");
        }
        return s.toString();
    }

    private static String params(Type[] types) {
        return String.join(", ", Arrays.stream(types).map(Type::getTypeName).toList());
    }

    private static String throwsClause(Type[] types) {
        return types.length == 0 ? "" : " throws " + params(types);
    }

    /**
     * Compares the listing of {@code classesDir} with {@code listingFile}; rewrites the file instead when the
     * {@value #UPDATE} system property is true.
     *
     * @return the differences, empty when the API is unchanged: lines prefixed {@code +} are new in the classes,
     *         {@code -} are in the file but no longer in the classes
     */
    public static List<String> compare(Path classesDir, ClassLoader loader, Path listingFile) {
        List<String> actual = of(classesDir, loader);
        try {
            if (Boolean.getBoolean(UPDATE)) {
                Files.createDirectories(listingFile.toAbsolutePath().getParent());
                Files.write(listingFile, actual, StandardCharsets.UTF_8);
                return List.of();
            }
            List<String> expected =
                    Files.exists(listingFile) ? Files.readAllLines(listingFile, StandardCharsets.UTF_8) : List.of();
            Set<String> added = new LinkedHashSet<>(actual);
            expected.forEach(added::remove);
            Set<String> removed = new LinkedHashSet<>(expected);
            actual.forEach(removed::remove);
            List<String> diff = new ArrayList<>();
            added.forEach(l -> diff.add("+ " + l));
            removed.forEach(l -> diff.add("- " + l));
            return diff;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What to tell the developer when the API changed. */
    public static String howToUpdate(String module) {
        return "the public API of " + module + " differs from api/" + module + ".api; if the change is intended, run"
                + " `mvn -B -pl " + module + " -am test -Dtest=ApiListingTest -Dsurefire.failIfNoSpecifiedTests=false"
                + " -D" + UPDATE + "=true` and commit the listing with the change";
    }
}
