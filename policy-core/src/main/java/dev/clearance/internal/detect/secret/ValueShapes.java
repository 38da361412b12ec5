package dev.clearance.internal.detect.secret;

import dev.clearance.internal.detect.Text;

/** Shapes of assigned values: what makes one read as a name, code or word rather than a random credential. */
final class ValueShapes {
    private ValueShapes() {}

    static boolean lettersOnly(String text, int s, int e) {
        for (int i = s; i < e; i++) {
            if (!Text.isLetter(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Values that read as names rather than random strings: dotted paths ({@code Ed25519.Signatures}), version
     * strings ({@code lib-0.11.2}), host names, or segments that are all words or short numbers
     * ({@code DOC_Vector_5_32}).
     */
    static boolean identifierLike(String text, int vs, int ve) {
        boolean allWordish = true;
        boolean dottedLetters = true;
        boolean dot = false;
        int segStart = vs;
        for (int i = vs; i <= ve; i++) {
            char c = i < ve ? text.charAt(i) : '_';
            if (i < ve
                    && i > vs
                    && i + 1 < ve
                    && c == '.'
                    && Text.isDigit(text.charAt(i - 1))
                    && Text.isDigit(text.charAt(i + 1))) {
                return true;
            }
            if (c == '_' || c == '-' || c == '.' || c == '=') {
                if (c == '.') {
                    dot = true;
                }
                if (i > segStart) {
                    allWordish &= wordish(text, segStart, i);
                    dottedLetters &= Text.isLetter(text.charAt(segStart));
                }
                segStart = i + 1;
            }
        }
        return allWordish || dot && dottedLetters;
    }

    static boolean wordish(String text, int s, int e) {
        int letters = 0;
        int digits = 0;
        int i = s;
        while (i < e && Text.isLetter(text.charAt(i))) {
            letters++;
            i++;
        }
        while (i < e && Text.isDigit(text.charAt(i))) {
            digits++;
            i++;
        }
        if (i < e) {
            return false;
        }
        if (letters == 0) {
            return digits <= 4;
        }
        return digits <= 2 && (letters >= 3 || digits == 0) && !mixedCaseInside(text, s, s + letters);
    }

    /** Random strings switch case inside a run; words are lower, upper or capitalised (camel humps allowed). */
    static boolean mixedCaseInside(String text, int s, int e) {
        int flips = 0;
        for (int i = s + 1; i < e; i++) {
            if (Text.isUpper(text.charAt(i)) != Text.isUpper(text.charAt(i - 1))) {
                flips++;
            }
        }
        return flips > 3;
    }

    static boolean looksLikeCode(String text, int vs, int ve) {
        for (int i = vs; i < ve; i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[' || c == '{' || c == ' ') {
                return true;
            }
        }
        // dotted references such as var.db_password or this.field
        int dots = 0;
        boolean digit = false;
        for (int i = vs; i < ve; i++) {
            char c = text.charAt(i);
            if (c == '.') {
                dots++;
            } else if (Text.isDigit(c)) {
                digit = true;
            }
        }
        return dots > 0 && !digit && Text.isLetter(text.charAt(vs));
    }

    static boolean secretAlphabet(String text, int vs, int ve) {
        for (int i = vs; i < ve; i++) {
            char c = text.charAt(i);
            if (!(Text.isWordChar(c) || c == '.' || c == '=' || c == '-' || c == '+' || c == '/' || c == '~')) {
                return false;
            }
        }
        return true;
    }

    static boolean hasNonLetter(String text, int vs, int ve) {
        for (int i = vs; i < ve; i++) {
            char c = text.charAt(i);
            if (!(Text.isLetter(c) || c == '_' || c == '.' || c == '-')) {
                return true;
            }
        }
        return false;
    }

    /**
     * Password values that are code rather than a password: a UI label ({@code "Password:"}), a CSS or DOM selector
     * ({@code #add-password}), a route ({@code /reset-password}), an argument list ({@code ,$timeout=}) or an ARN.
     */
    static boolean notAPassword(String text, int vs, int ve) {
        char first = text.charAt(vs);
        char last = text.charAt(ve - 1);
        if (last == ':' || first == ',' || text.regionMatches(true, vs, "arn:", 0, 4)) {
            return true;
        }
        if (first == '#' || first == '.' || first == '/') {
            for (int i = vs + 1; i < ve; i++) {
                char c = text.charAt(i);
                if (!(Text.isLetter(c) || c == '-' || c == '_' || c == '/' || c == ':' || c == '.')) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
