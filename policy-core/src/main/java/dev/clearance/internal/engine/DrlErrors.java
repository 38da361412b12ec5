package dev.clearance.internal.engine;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the engine's compile messages into ones an author can act on: unknown fields, methods, enum constants and
 * fact types are named with the nearest known name ("did you mean 'trainsOnData'?"). The fact model (the classes
 * rules can see) is known, so the suggestions come from it; the raw message is kept for {@code --verbose}.
 */
final class DrlErrors {
    private DrlErrors() {}

    /** The classes a rule can name without a package. */
    static final List<Class<?>> MODEL = List.of(
            dev.clearance.facts.Data.class,
            dev.clearance.facts.Destination.class,
            dev.clearance.facts.User.class,
            dev.clearance.facts.Context.class,
            dev.clearance.facts.Verdict.class,
            dev.clearance.Finding.class,
            dev.clearance.Classification.class,
            dev.clearance.Tier.class,
            dev.clearance.FindingCategory.class,
            dev.clearance.Direction.class,
            dev.clearance.Effect.class);

    private static final Pattern STRICT =
            Pattern.compile("unable to resolve method using strict-mode: ([\\w.$]+)\\.(\\w+)\\(");
    private static final Pattern UNDEFINED_METHOD =
            Pattern.compile("The method (\\w+)\\([^)]*\\) is undefined for the type (\\w+)");
    private static final Pattern OBJECT_TYPE = Pattern.compile("Unable to resolve ObjectType '([\\w.$]+)'");
    private static final Pattern DOTTED = Pattern.compile("\\b([A-Z]\\w*)\\.([A-Z][A-Z0-9_]*)\\b");
    private static final Pattern NO_FIELD = Pattern.compile(
            "(?:Unknown field|unable to find field|could not access field|no such field)[: ]+'?([\\w.$]+?)'?(?: on| in|\\b)",
            Pattern.CASE_INSENSITIVE);

    /** The author-facing message for {@code raw}, or null when it is not one this class understands. */
    static String translate(String raw, String source) {
        if (raw == null) {
            return null;
        }
        Matcher m = STRICT.matcher(raw);
        if (m.find()) {
            Class<?> type = model(m.group(1));
            String name = m.group(2);
            if (type != null && type.isEnum()) {
                return enumConstant(type, name);
            }
            if (type != null) {
                return member(type, name);
            }
        }
        m = UNDEFINED_METHOD.matcher(raw);
        if (m.find()) {
            Class<?> type = model(m.group(2));
            if (type != null) {
                return member(type, m.group(1));
            }
        }
        m = OBJECT_TYPE.matcher(raw);
        if (m.find()) {
            String name = m.group(1);
            String simple = name.substring(name.lastIndexOf('.') + 1);
            return "unknown fact type '" + simple + "'" + suggest(simple, typeNames());
        }
        String enumHint = enumConstant(raw + "\n" + (source == null ? "" : source));
        if (enumHint != null && (raw.contains("Analyse") || raw.contains("resolve") || raw.contains("field"))) {
            return enumHint;
        }
        m = NO_FIELD.matcher(raw);
        if (m.find()) {
            String id = m.group(1);
            String simple = id.substring(id.lastIndexOf('.') + 1);
            for (Class<?> c : MODEL) {
                if (raw.contains(c.getName()) || raw.contains(c.getSimpleName() + ".")) {
                    return member(c, simple);
                }
            }
        }
        return null;
    }

    /** Where a DSL sentence may stand: after {@code when}, after {@code then}, or either. */
    enum Scope {
        CONDITION,
        CONSEQUENCE,
        ANY
    }

    /** A DSL sentence template as its file writes it, e.g. {@code the data is at least {classification:[A-Z]+}}. */
    record Sentence(Scope scope, String template) {
        /** The template with its placeholders' patterns dropped: {@code the data is at least {classification}}. */
        String shown() {
            StringBuilder b = new StringBuilder();
            int depth = 0;
            boolean inPattern = false;
            for (int i = 0; i < template.length(); i++) {
                char c = template.charAt(i);
                if (c == '{') {
                    depth++;
                    if (depth == 1) {
                        inPattern = false;
                        b.append(c);
                        continue;
                    }
                } else if (c == '}') {
                    depth = Math.max(0, depth - 1);
                    if (depth == 0) {
                        b.append(c);
                        continue;
                    }
                } else if (c == ':' && depth == 1) {
                    inPattern = true;
                    continue;
                }
                if (!inPattern || depth == 0) {
                    b.append(c);
                }
            }
            return b.toString().strip();
        }
    }

    /** Longest line text quoted in a message; longer lines are cut with an ellipsis. */
    static final int MAX_QUOTED = 120;

    /**
     * {@code no DSL sentence matches 'the dat is PUBLIC'; did you mean 'the data is {classification}'?} for line
     * {@code line} of a DSLR file. Only the author's own line is quoted (cut at {@value #MAX_QUOTED} characters),
     * and the nearest sentence of the section the line stands in (after {@code when} or {@code then}), by edit
     * distance with each {@code {placeholder}} matching any text. The expander's message is the detail.
     */
    static dev.clearance.Diagnostic unmatchedSentence(
            String path, String source, int line, String raw, List<Sentence> sentences) {
        String[] lines = source.split("\n", -1);
        if (line < 1 || line > lines.length) {
            return new dev.clearance.Diagnostic(
                    dev.clearance.Severity.ERROR, path, Math.max(0, line), 0, null, String.valueOf(raw));
        }
        String text = lines[line - 1].replace("\r", "");
        int column = 1;
        while (column <= text.length() && Character.isWhitespace(text.charAt(column - 1))) {
            column++;
        }
        String sentence = text.strip();
        Scope scope = Scope.ANY;
        for (int i = line - 2; i >= 0; i--) {
            String t = lines[i].strip();
            if (t.equals("when") || t.startsWith("when ")) {
                scope = Scope.CONDITION;
                break;
            }
            if (t.equals("then") || t.startsWith("then ")) {
                scope = Scope.CONSEQUENCE;
                break;
            }
            if (t.startsWith("rule ") || t.equals("end")) {
                break;
            }
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Sentence s : sentences) {
            if (scope != Scope.ANY && s.scope() != Scope.ANY && s.scope() != scope) {
                continue;
            }
            String shown = s.shown();
            int d = templateDistance(sentence.toLowerCase(Locale.ROOT), shown.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = shown;
                bestDistance = d;
            }
        }
        String quoted = sentence.length() > MAX_QUOTED ? sentence.substring(0, MAX_QUOTED) + "…" : sentence;
        String message = "no DSL sentence matches '" + quoted + "'"
                + (best != null && bestDistance <= Math.max(3, sentence.length() / 2)
                        ? "; did you mean '" + best + "'?"
                        : "");
        return new dev.clearance.Diagnostic(
                dev.clearance.Severity.ERROR, path, line, column, null, message, raw == null ? null : raw.strip());
    }

    /**
     * Edit distance from {@code text} to {@code template}, where each {@code {name}} of the template matches any
     * run of characters (the empty one included) at no cost.
     */
    static int templateDistance(String text, String template) {
        // the template as literal characters and wildcards (marked by '\0')
        StringBuilder t = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            int close = c == '{' ? template.indexOf('}', i) : -1;
            if (close > i) {
                t.append('\0');
                i = close;
            } else {
                t.append(c);
            }
        }
        int n = text.length();
        int m = t.length();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            d[i][0] = i;
        }
        for (int j = 1; j <= m; j++) {
            d[0][j] = d[0][j - 1] + (t.charAt(j - 1) == '\0' ? 0 : 1);
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                char tc = t.charAt(j - 1);
                if (tc == '\0') {
                    // the wildcard matches nothing more, or takes one more character of the text
                    d[i][j] = Math.min(d[i][j - 1], d[i - 1][j]);
                } else {
                    int cost = text.charAt(i - 1) == tc ? 0 : 1;
                    d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                }
            }
        }
        return d[n][m];
    }

    /** The simple names of the fact model's classes. */
    static List<String> typeNames() {
        return MODEL.stream().map(Class::getSimpleName).toList();
    }

    /** "unknown enum constant 'ENTERPRIZE' of Tier; did you mean 'ENTERPRISE'?" when {@code text} names one. */
    static String enumConstant(String text) {
        Matcher m = DOTTED.matcher(text);
        while (m.find()) {
            Class<?> type = model(m.group(1));
            if (type != null && type.isEnum()) {
                String hint = enumConstant(type, m.group(2));
                if (hint != null) {
                    return hint;
                }
            }
        }
        return null;
    }

    /** The message for {@code name} as a constant of the enum {@code type}; null when it is one. */
    static String enumConstant(Class<?> type, String name) {
        List<String> constants = new ArrayList<>();
        for (Object c : type.getEnumConstants()) {
            constants.add(((Enum<?>) c).name());
        }
        return constants.contains(name)
                ? null
                : "unknown enum constant '" + name + "' of " + type.getSimpleName() + suggest(name, constants);
    }

    private static Class<?> model(String name) {
        String simple = name.substring(name.lastIndexOf('.') + 1);
        for (Class<?> c : MODEL) {
            if (c.getName().equals(name) || c.getSimpleName().equals(simple)) {
                return c;
            }
        }
        return null;
    }

    /** "unknown field 'trainOnData' on Destination; did you mean 'trainsOnData'?" (or method, for Verdict). */
    static String member(Class<?> type, String name) {
        Set<String> properties = new LinkedHashSet<>();
        Set<String> methods = new LinkedHashSet<>();
        for (Method m : type.getMethods()) {
            if (!Modifier.isPublic(m.getModifiers())
                    || Modifier.isStatic(m.getModifiers())
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            String n = m.getName();
            if (m.getParameterCount() == 0 && n.startsWith("get") && n.length() > 3) {
                properties.add(decapitalize(n.substring(3)));
            } else if (m.getParameterCount() == 0 && n.startsWith("is") && n.length() > 2) {
                properties.add(decapitalize(n.substring(2)));
            } else if (m.getParameterCount() == 0 && type.isRecord()) {
                properties.add(n);
            }
            methods.add(n);
        }
        boolean isProperty = properties.stream().anyMatch(p -> similar(p, name))
                || !methods.stream().anyMatch(p -> similar(p, name));
        if (type == dev.clearance.facts.Verdict.class) {
            isProperty = false;
        }
        if (isProperty) {
            return "unknown field '" + name + "' on " + type.getSimpleName()
                    + suggest(name, new ArrayList<>(properties));
        }
        return "unknown method '" + name + "' on " + type.getSimpleName() + suggest(name, new ArrayList<>(methods));
    }

    private static boolean similar(String a, String b) {
        return distance(a.toLowerCase(Locale.ROOT), b.toLowerCase(Locale.ROOT)) <= limit(b);
    }

    /** Edits allowed for a suggestion: one per four characters, at least one. */
    private static int limit(String s) {
        return Math.max(1, s.length() / 4);
    }

    private static String decapitalize(String s) {
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** "; did you mean 'X'?" for the nearest of {@code known} within a small edit distance, else "". */
    static String suggest(String name, List<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(name.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= limit(name) && !best.equals(name)
                ? "; did you mean '" + best + "'?"
                : "";
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
