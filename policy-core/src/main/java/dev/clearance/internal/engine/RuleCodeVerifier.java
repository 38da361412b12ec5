package dev.clearance.internal.engine;

import dev.clearance.Diagnostic;
import dev.clearance.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the code of one rule file, as it compiles (DSLR expanded, decision tables turned into DRL), against
 * {@link RuleCodePolicy} before Drools compiles any of it. It reads every token outside string literals and
 * comments — constraints, consequences (Java and MVEL alike), functions, attributes, declarations — so nothing
 * of the code is left unchecked. Internal.
 */
final class RuleCodeVerifier {
    private static final Pattern TABLE_ROW = Pattern.compile("_(\\d+)$");

    private final String path;
    private final boolean decisionTable;
    private final List<String> tableLines;
    private final List<Token> tokens;
    private final List<Diagnostic> problems = new ArrayList<>();
    private final Map<String, String> imported = new HashMap<>();
    private final Set<String> declared = new HashSet<>();
    private final Map<String, List<Token>> calls = new LinkedHashMap<>();
    private final Map<String, Token> functionHeads = new LinkedHashMap<>();

    private RuleCodeVerifier(String path, String text, boolean decisionTable, String tableText) {
        this.path = path;
        this.decisionTable = decisionTable;
        this.tableLines = tableText == null ? List.of() : tableText.lines().toList();
        this.tokens = Lexer.tokens(Lexer.unescapeUnicode(text));
    }

    /** The problems in {@code drl}, the text that compiles for the file at {@code path}; empty when it is clean. */
    static List<Diagnostic> verify(String path, String drl) {
        RuleCodeVerifier v = new RuleCodeVerifier(path, drl, false, null);
        v.run();
        return List.copyOf(v.problems);
    }

    /**
     * The problems in {@code drl}, the rules a decision table turned into; {@code csv} (null for a spreadsheet)
     * locates a named rule's row.
     */
    static List<Diagnostic> verifyTable(String path, String drl, String csv) {
        RuleCodeVerifier v = new RuleCodeVerifier(path, drl, true, csv);
        v.run();
        return List.copyOf(v.problems);
    }

    private void run() {
        // declared types and function names first: they may be used before they are declared
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.is("declare")) {
                int j = i + 1;
                if (tokens.get(j).is("enum") && j + 1 < tokens.size()) {
                    j++;
                }
                declared.add(tokens.get(j).text);
            } else if (t.is("function")) {
                int j = i + 1;
                while (j + 1 < tokens.size() && !tokens.get(j + 1).is("(")) {
                    j++;
                }
                functionHeads.put(tokens.get(j).text, tokens.get(j));
            }
        }
        String context = null;
        int depth = 0;
        boolean inFunction = false;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (depth == 0 && !inFunction && t.is("package") && context == null) {
                i = skipStatement(i);
                continue;
            }
            if (depth == 0 && t.is("import") && context == null) {
                i = checkImport(i);
                continue;
            }
            if (depth == 0 && t.is("global") && context == null) {
                i = checkGlobal(i);
                continue;
            }
            if (depth == 0 && (t.is("rule") || t.is("query")) && i + 1 < tokens.size()) {
                context = "rule '" + tokens.get(i + 1).text + "'";
                i++;
                continue;
            }
            if (depth == 0 && t.is("function")) {
                int j = i + 1;
                while (j + 1 < tokens.size() && !tokens.get(j + 1).is("(")) {
                    j++;
                }
                context = "function '" + tokens.get(j).text + "'";
                calls.put(tokens.get(j).text, new ArrayList<>());
                inFunction = true;
            }
            if (depth == 0 && t.is("end") && !inFunction) {
                context = null;
                continue;
            }
            if (t.is("{") || t.is("(") || t.is("[")) {
                depth++;
            } else if (t.is("}") || t.is(")") || t.is("]")) {
                depth = Math.max(0, depth - 1);
                if (depth == 0 && inFunction && t.is("}")) {
                    inFunction = false;
                    context = null;
                }
            }
            checkToken(i, context == null ? "the pack" : context, inFunction ? context : null);
        }
        checkRecursion();
    }

    private void checkToken(int i, String who, String function) {
        Token t = tokens.get(i);
        if (t.kind == Kind.SYMBOL) {
            if (t.is("->") || t.is("::")) {
                report(t, who, who + " uses '" + t.text + "': lambdas and method references are not allowed in a pack");
            }
            return;
        }
        if (t.kind != Kind.IDENT) {
            return;
        }
        Token prev = i > 0 ? tokens.get(i - 1) : null;
        if (prev != null && prev.is("@")) {
            return; // annotation name (@role, @key, ...)
        }
        if (prev != null && prev.is(".")) {
            if (RuleCodePolicy.FORBIDDEN_MEMBERS.contains(t.text)) {
                report(t, who, who + " uses '." + t.text + "': reflection and locks are not allowed in a pack");
            }
            return;
        }
        String reason = RuleCodePolicy.FORBIDDEN_WORDS.get(t.text);
        if (reason != null && !(t.is("enum") && prev != null && prev.is("declare"))) {
            report(t, who, who + " uses '" + t.text + "': " + reason);
            return;
        }
        if (function != null
                && functionHeads.containsKey(t.text)
                && next(i, 1).is("(")
                && !(prev != null && prev.is("function"))
                && functionHeads.get(t.text) != t) {
            calls.get(function.substring("function '".length(), function.length() - 1))
                    .add(t);
        }
        char c = t.text.charAt(0);
        if (Character.isUpperCase(c)) {
            if (declared.contains(t.text)) {
                return;
            }
            String qualified =
                    imported.getOrDefault(t.text, RuleCodePolicy.TYPES.getOrDefault(t.text, javaLangOrSelf(t.text)));
            if (!RuleCodePolicy.allowedQualified(qualified)) {
                String hint = qualified.equals(t.text) && next(i, 1).is("(")
                        ? DrlErrors.suggest(t.text, DrlErrors.typeNames())
                        : "";
                if (!hint.isEmpty()) {
                    // a misspelt fact type, not a forbidden one
                    report(t, who, "unknown fact type '" + t.text + "'" + hint);
                } else {
                    reportUse(t, i, qualified, who);
                }
            }
            return;
        }
        if (RuleCodePolicy.PACKAGE_ROOTS.contains(t.text) && next(i, 1).is(".")) {
            StringBuilder name = new StringBuilder(t.text);
            int j = i;
            while (next(j, 1).is(".") && next(j, 2).kind == Kind.IDENT) {
                name.append('.').append(next(j, 2).text);
                j += 2;
                if (RuleCodePolicy.allowedQualified(name.toString())) {
                    return;
                }
                if (Character.isUpperCase(next(j, 0).text.charAt(0))) {
                    reportUse(t, j, name.toString(), who);
                    return;
                }
            }
            report(t, who, who + " uses " + name + ": not allowed in a pack");
        }
    }

    /** {@code rule 'x' calls java.lang.System.exit} when a member follows, else {@code uses TYPE}. */
    private void reportUse(Token at, int typeIndex, String qualified, String who) {
        if (next(typeIndex, 1).is(".") && next(typeIndex, 2).kind == Kind.IDENT) {
            String member = qualified + "." + next(typeIndex, 2).text;
            boolean call = next(typeIndex, 3).is("(");
            report(at, who, who + (call ? " calls " : " uses ") + member + ": not allowed in a pack");
        } else {
            report(at, who, who + " uses " + qualified + ": not allowed in a pack");
        }
    }

    private static final Set<String> JAVA_LANG = Set.of(
            "System",
            "Runtime",
            "Thread",
            "ThreadGroup",
            "ThreadLocal",
            "ProcessBuilder",
            "Process",
            "ProcessHandle",
            "Class",
            "ClassLoader",
            "Module",
            "ModuleLayer",
            "SecurityManager",
            "StackWalker",
            "StringBuffer",
            "InheritableThreadLocal",
            "Compiler",
            "Package",
            "Void",
            "Enum",
            "Record",
            "Throwable",
            "Error",
            "Exception");

    private static String javaLangOrSelf(String simple) {
        return JAVA_LANG.contains(simple) ? "java.lang." + simple : simple;
    }

    private int checkImport(int i) {
        Token head = tokens.get(i);
        int j = i + 1;
        StringBuilder name = new StringBuilder();
        boolean special = false;
        while (j < tokens.size() && !tokens.get(j).is(";") && tokens.get(j).line == head.line) {
            Token t = tokens.get(j);
            if (name.length() == 0 && (t.is("function") || t.is("static") || t.is("accumulate"))) {
                special = true;
            } else {
                name.append(t.text);
            }
            j++;
        }
        String n = name.toString();
        if (special) {
            report(head, "the pack", "the pack imports " + n + " as a function: not allowed in a pack");
        } else if (n.endsWith(".*")) {
            if (!RuleCodePolicy.WILDCARD_IMPORTS.contains(n.substring(0, n.length() - 2))) {
                report(head, "the pack", "the pack imports " + n + ": not allowed in a pack");
            }
        } else {
            imported.put(n.substring(n.lastIndexOf('.') + 1), n);
            if (!RuleCodePolicy.allowedQualified(n)) {
                report(head, "the pack", "the pack imports " + n + ": not allowed in a pack");
            }
        }
        return j < tokens.size() && tokens.get(j).is(";") ? j : j - 1;
    }

    private int checkGlobal(int i) {
        Token head = tokens.get(i);
        int j = i + 1;
        List<Token> parts = new ArrayList<>();
        while (j < tokens.size() && !tokens.get(j).is(";") && tokens.get(j).line == head.line) {
            parts.add(tokens.get(j));
            j++;
        }
        StringBuilder type = new StringBuilder();
        for (int k = 0; k + 1 < parts.size(); k++) {
            type.append(parts.get(k).text);
        }
        String name = parts.isEmpty() ? "" : parts.get(parts.size() - 1).text;
        String t = type.toString();
        String qualified = t.contains(".") ? t : imported.getOrDefault(t, RuleCodePolicy.TYPES.getOrDefault(t, t));
        if (!qualified.equals(RuleCodePolicy.GLOBAL_TYPE) || !name.equals(RuleCodePolicy.VERDICT_GLOBAL)) {
            report(
                    head,
                    "the pack",
                    "the pack declares global '" + name + "': the only global allowed in a pack is '"
                            + RuleCodePolicy.GLOBAL_TYPE + " " + RuleCodePolicy.VERDICT_GLOBAL
                            + "' (a global is state shared by every evaluation)");
        }
        return j < tokens.size() && tokens.get(j).is(";") ? j : j - 1;
    }

    private int skipStatement(int i) {
        int line = tokens.get(i).line;
        int j = i + 1;
        while (j < tokens.size() && !tokens.get(j).is(";") && tokens.get(j).line == line) {
            j++;
        }
        return j < tokens.size() && tokens.get(j).is(";") ? j : j - 1;
    }

    /** Any cycle among the pack's functions: recursion has no bound. */
    private void checkRecursion() {
        for (String f : calls.keySet()) {
            Token via = reaches(f, f, new HashSet<>());
            if (via != null) {
                report(
                        via,
                        "function '" + f + "'",
                        "function '" + f + "' calls itself (directly or through other functions): recursion is not"
                                + " allowed in a pack");
            }
        }
    }

    private Token reaches(String from, String target, Set<String> seen) {
        if (!seen.add(from)) {
            return null;
        }
        for (Token call : calls.getOrDefault(from, List.of())) {
            if (call.text.equals(target) || reaches(call.text, target, seen) != null) {
                return call;
            }
        }
        return null;
    }

    private Token next(int i, int ahead) {
        int j = i + ahead;
        return j >= 0 && j < tokens.size() ? tokens.get(j) : Token.NONE;
    }

    private void report(Token at, String who, String message) {
        String ruleId = who.startsWith("rule '") ? who.substring(6, who.length() - 1) : null;
        int line = at.line;
        int column = at.column;
        if (decisionTable) {
            // the generated DRL's lines mean nothing to the author: the row is in the rule's name
            line = ruleId == null ? 0 : rowOf(ruleId);
            column = 0;
        }
        problems.add(new Diagnostic(Severity.ERROR, path, line, column, ruleId, message));
    }

    /** A table's rule is named TABLE_ROW, or by its NAME cell: the row, or 0. */
    private int rowOf(String ruleId) {
        for (int i = 0; i < tableLines.size(); i++) {
            String first = tableLines.get(i).split(",", 2)[0].replace("\"", "").strip();
            if (first.equals(ruleId)) {
                return i + 1;
            }
        }
        Matcher m = TABLE_ROW.matcher(ruleId);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    enum Kind {
        IDENT,
        NUMBER,
        STRING,
        SYMBOL,
        NONE
    }

    record Token(Kind kind, String text, int line, int column) {
        static final Token NONE = new Token(Kind.NONE, "", 0, 0);

        boolean is(String s) {
            return kind != Kind.STRING && text.equals(s);
        }
    }

    /** Java/MVEL/DRL tokens, string literals and comments left out. */
    static final class Lexer {
        private Lexer() {}

        /** Java reads {@code \\uXXXX} before anything else (a comment can end in one): so does the verifier. */
        static String unescapeUnicode(String s) {
            if (s.indexOf("\\u") < 0) {
                return s;
            }
            StringBuilder b = new StringBuilder(s.length());
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == 'u') {
                    int j = i + 1;
                    while (j < s.length() && s.charAt(j) == 'u') {
                        j++;
                    }
                    if (j + 4 <= s.length() && s.substring(j, j + 4).chars().allMatch(Lexer::isHex)) {
                        b.append((char) Integer.parseInt(s.substring(j, j + 4), 16));
                        i = j + 4;
                        continue;
                    }
                }
                b.append(c);
                i++;
            }
            return b.toString();
        }

        private static boolean isHex(int c) {
            return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
        }

        static List<Token> tokens(String s) {
            List<Token> out = new ArrayList<>();
            int line = 1;
            int lineStart = 0;
            int i = 0;
            int n = s.length();
            while (i < n) {
                char c = s.charAt(i);
                if (c == '\n') {
                    line++;
                    i++;
                    lineStart = i;
                } else if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                    while (i < n && s.charAt(i) != '\n') {
                        i++;
                    }
                } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                    int end = s.indexOf("*/", i + 2);
                    end = end < 0 ? n : end + 2;
                    for (int k = i; k < end; k++) {
                        if (s.charAt(k) == '\n') {
                            line++;
                            lineStart = k + 1;
                        }
                    }
                    i = end;
                } else if (c == '"' || c == '\'') {
                    int startLine = line;
                    boolean block = c == '"' && s.startsWith("\"\"\"", i);
                    int k = block ? i + 3 : i + 1;
                    while (k < n) {
                        char d = s.charAt(k);
                        if (d == '\\') {
                            k += 2;
                            continue;
                        }
                        if (d == '\n') {
                            line++;
                            lineStart = k + 1;
                        }
                        if (block ? s.startsWith("\"\"\"", k) : d == c) {
                            break;
                        }
                        k++;
                    }
                    int from = Math.min(n, i + (block ? 3 : 1));
                    out.add(new Token(Kind.STRING, s.substring(from, Math.max(from, Math.min(n, k))), startLine, 0));
                    i = Math.min(n, k + (block ? 3 : 1));
                } else if (Character.isJavaIdentifierStart(c)) {
                    int k = i + 1;
                    while (k < n && Character.isJavaIdentifierPart(s.charAt(k))) {
                        k++;
                    }
                    out.add(new Token(Kind.IDENT, s.substring(i, k), line, i - lineStart + 1));
                    i = k;
                } else if (Character.isDigit(c)) {
                    int k = i + 1;
                    while (k < n && (Character.isLetterOrDigit(s.charAt(k)) || s.charAt(k) == '_')) {
                        k++;
                    }
                    out.add(new Token(Kind.NUMBER, s.substring(i, k), line, i - lineStart + 1));
                    i = k;
                } else {
                    String two = i + 1 < n ? s.substring(i, i + 2) : "";
                    String sym = two.equals("->") || two.equals("::") ? two : String.valueOf(c);
                    out.add(new Token(Kind.SYMBOL, sym, line, i - lineStart + 1));
                    i += sym.length();
                }
            }
            return out;
        }
    }
}
