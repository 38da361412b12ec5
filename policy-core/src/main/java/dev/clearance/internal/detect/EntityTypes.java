package dev.clearance.internal.detect;

import dev.clearance.Finding;
import dev.clearance.spi.Detector;
import dev.clearance.spi.EntityRecognizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The entity types a pack or a builder may ask for, and an entity recognizer restricted to some of them. Internal:
 * may change at any time.
 */
public final class EntityTypes {
    /** The types an entity recognizer reports ({@code clearance-entities}: all four). */
    public static final Set<String> ALL = Set.of("PERSON", "LOCATION", "ORGANIZATION", "DATE_TIME");

    private EntityTypes() {}

    /**
     * The types upper-cased and checked.
     *
     * @throws IllegalArgumentException when the list is empty or names a type not in {@link #ALL}
     */
    public static Set<String> check(java.util.Collection<String> types) {
        if (types.isEmpty()) {
            throw new IllegalArgumentException(
                    "entity types must not be empty (leave them out for all of " + sorted(ALL) + ")");
        }
        Set<String> out = new TreeSet<>();
        for (String t : types) {
            String u = t == null ? "" : t.toUpperCase(Locale.ROOT);
            if (!ALL.contains(u)) {
                throw new IllegalArgumentException("unknown entity type '" + t + "': one of " + sorted(ALL));
            }
            out.add(u);
        }
        return Set.copyOf(out);
    }

    private static List<String> sorted(Set<String> s) {
        return new ArrayList<>(new TreeSet<>(s));
    }

    /** The entity recognizers on the class path of {@code loader} (ServiceLoader); empty when there are none. */
    public static List<EntityRecognizer> onClassPath(ClassLoader loader) {
        List<EntityRecognizer> out = new ArrayList<>();
        for (EntityRecognizer r : java.util.ServiceLoader.load(EntityRecognizer.class, loader)) {
            out.add(r);
        }
        return out;
    }

    /** {@code recognizer} reporting only findings of {@code types}; the recognizer itself when that is all. */
    public static Detector restrict(EntityRecognizer recognizer, Set<String> types) {
        if (types.containsAll(ALL)) {
            return recognizer;
        }
        return new Restricted(recognizer, Set.copyOf(types));
    }

    /** An entity recognizer whose findings of other types are dropped. */
    public record Restricted(EntityRecognizer recognizer, Set<String> types) implements EntityRecognizer {
        @Override
        public String id() {
            return recognizer.id();
        }

        @Override
        public void detect(String text, Consumer<Finding> sink) {
            recognizer.detect(text, f -> {
                if (types.contains(f.type())) {
                    sink.accept(f);
                }
            });
        }
    }
}
