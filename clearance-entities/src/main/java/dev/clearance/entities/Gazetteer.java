package dev.clearance.entities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The word lists: given names, surnames, countries, regions and cities read once from the locale files that
 * Datafaker (Apache-2.0; data from the Ruby Faker project, MIT) ships in its jar, plus the fixed lists of this
 * module (honorifics, street and company suffixes, month names). Immutable once built.
 */
final class Gazetteer {
    private static final String[] LOCALES = {"en", "en-GB", "de", "fr", "es", "it", "nl"};
    /**
     * More locales whose names and places are written in Latin script: read for their given names, surnames,
     * cities and regions only (a name list is not a language).
     */
    private static final String[] MORE_LOCALES = {
        "ca", "cs-CZ", "cs", "da-DK", "de-AT", "de-CH", "en-AU", "en-IE", "en-IN", "en-NG", "en-NZ", "en-ZA", "en-PAK",
        "en-SG", "en-MS", "en-UG", "en-PH", "en-NEP", "es-AR", "es-MX", "et", "fi-FI", "fr-CA", "fr-CH", "hr", "hu",
        "id", "lv", "nb-NO", "no-NO", "pl", "pt", "pt-BR", "sk", "sq", "sv", "tr", "vi"
    };

    final Set<String> givenNames = new HashSet<>();
    final Set<String> surnames = new HashSet<>();
    /** Given names and surnames in lower case (for text written all in lower case, after a cue). */
    final Set<String> lowerNames = new HashSet<>();
    /**
     * Given names and surnames in lower case, without the words that are mostly something else in lower-case prose
     * (for a name in a text written all in lower case).
     */
    final Set<String> lowerGiven = new HashSet<>();

    final Set<String> lowerSurnames = new HashSet<>();
    /** Street-type words after the name (Street, Villages, ...) and street names before a number (lower case). */
    final Set<String> streetSuffixes = new HashSet<>();

    final Set<String> streetRoots = new HashSet<>();
    /** Places by their first word (lower case), each a list of lower-case words. */
    final Map<String, List<String[]>> places = new HashMap<>();

    private Gazetteer() {}

    static Gazetteer load() {
        Gazetteer g = new Gazetteer();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        for (String locale : LOCALES) {
            String resource = locale.equals("en") ? "en/name.yml" : locale + ".yml";
            JsonNode faker = read(yaml, resource, locale);
            if (locale.equals("en")) {
                JsonNode address = read(yaml, "en/address.yml", locale);
                g.addPlaces(address.path("address"));
            }
            JsonNode name = faker.path("name");
            add(g.givenNames, name.path("first_name"));
            add(g.givenNames, name.path("male_first_name"));
            add(g.givenNames, name.path("female_first_name"));
            add(g.surnames, name.path("last_name"));
            g.addPlaces(faker.path("address"));
            lower(g.streetRoots, faker.path("address").path("street_root"));
        }
        for (String locale : MORE_LOCALES) {
            JsonNode faker = read(yaml, locale + ".yml", locale.equals("ro-MD") ? "ro" : locale);
            JsonNode name = faker.path("name");
            name.fieldNames().forEachRemaining(key -> {
                if (key.endsWith("first_name")) {
                    addLatin(g.givenNames, name.path(key));
                } else if (key.endsWith("last_name")) {
                    addLatin(g.surnames, name.path(key));
                }
            });
            JsonNode address = faker.path("address");
            for (String key : List.of("city_name", "state", "province", "region")) {
                JsonNode list = address.path(key);
                if (list.isArray()) {
                    for (JsonNode n : list) {
                        if (n.isTextual() && !n.asText().contains("#{") && latin(n.asText())) {
                            g.addPlace(n.asText());
                        }
                    }
                }
            }
        }
        JsonNode enAddress = read(yaml, "en/address.yml", "en").path("address");
        lower(g.streetSuffixes, enAddress.path("street_suffix"));
        g.givenNames.removeAll(CommonWords.SET);
        g.surnames.removeAll(CommonWords.SET);
        for (String n : g.givenNames) {
            g.lowerNames.add(n.toLowerCase(Locale.ROOT));
        }
        for (String n : g.surnames) {
            g.lowerNames.add(n.toLowerCase(Locale.ROOT));
        }
        Set<String> common = new HashSet<>();
        for (String c : CommonWords.SET) {
            common.add(c.toLowerCase(Locale.ROOT));
        }
        for (String n : g.givenNames) {
            String lower = n.toLowerCase(Locale.ROOT);
            if (lower.length() > 2 && !common.contains(lower) && !CommonWords.LOWER_PROSE.contains(lower)) {
                g.lowerGiven.add(lower);
            }
        }
        for (String n : g.surnames) {
            String lower = n.toLowerCase(Locale.ROOT);
            if (lower.length() > 2 && !common.contains(lower) && !CommonWords.LOWER_PROSE.contains(lower)) {
                g.lowerSurnames.add(lower);
            }
        }
        return g;
    }

    private static JsonNode read(ObjectMapper yaml, String resource, String locale) {
        try (InputStream in = Gazetteer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("word list missing from the classpath: " + resource);
            }
            return yaml.readTree(in).path(locale).path("faker");
        } catch (IOException e) {
            throw new UncheckedIOException("word list unreadable: " + resource, e);
        }
    }

    private static void add(Set<String> into, JsonNode list) {
        if (list.isArray()) {
            for (JsonNode n : list) {
                if (n.isTextual() && !n.asText().contains("#{")) {
                    into.add(n.asText());
                }
            }
        }
    }

    private static void addLatin(Set<String> into, JsonNode list) {
        if (list.isArray()) {
            for (JsonNode n : list) {
                String v = n.asText();
                if (n.isTextual() && !v.contains("#{") && latin(v) && v.length() > 1) {
                    into.add(v);
                }
            }
        }
    }

    /** Whether a word starts with a capital letter of the Latin script (names to match in Latin-script text). */
    static boolean latin(String v) {
        return !v.isEmpty()
                && Character.isUpperCase(v.charAt(0))
                && Character.UnicodeScript.of(v.charAt(0)) == Character.UnicodeScript.LATIN;
    }

    private static void lower(Set<String> into, JsonNode list) {
        Set<String> words = new HashSet<>();
        add(words, list);
        for (String w : words) {
            into.add(w.toLowerCase(Locale.ROOT));
        }
    }

    boolean oneWordPlace(String lower) {
        List<String[]> places = this.places.get(lower);
        if (places != null) {
            for (String[] p : places) {
                if (p.length == 1) {
                    return true;
                }
            }
        }
        return false;
    }

    private void addPlaces(JsonNode address) {
        for (String key : List.of("country", "state", "county", "uk_country", "city_name", "province")) {
            JsonNode list = address.path(key);
            if (!list.isArray()) {
                continue;
            }
            for (JsonNode n : list) {
                if (n.isTextual() && !n.asText().contains("#{")) {
                    addPlace(n.asText());
                }
            }
        }
    }

    void addPlace(String place) {
        List<String> words = new ArrayList<>();
        for (String w : place.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        if (!words.isEmpty() && words.size() <= 5) {
            places.computeIfAbsent(words.get(0), k -> new ArrayList<>()).add(words.toArray(new String[0]));
        }
    }
}
