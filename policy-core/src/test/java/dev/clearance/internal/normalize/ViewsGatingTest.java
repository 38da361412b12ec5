package dev.clearance.internal.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The gated analysis (each rejoin builder only where the trigger pass saw its precondition) equals the ungated one
 * (every builder over the whole text): same views, same char-by-char mapping back, same suspect spans, over
 * hand-written texts that split values every way {@link Rejoin} undoes, random mixes of their pieces, and random
 * strings over the chars the preconditions look at.
 */
class ViewsGatingTest {
    /** Pieces that each make one builder (or a near miss of it) fire; written for this test. */
    private static final List<String> PIECES = List.of(
            // wrapped lines, a shell continuation, CRLF
            "value: Zm9vYmFyMTIzNDU2Nzg5\n  MGFiY2RlZmdoaWprbG1u\n",
            "token=abcDEF123456ghiJKL\r\n789mnoPQR\n",
            "curl -H x-key:abc123 \\\n  -d y\n",
            "AAAA1111BBBB2222CCCC\nDDDD3333EEEE\nFFFF4444GGGG\nHH\n",
            "a1b2c3d4e5f6g7h8\nname: value\n",
            "plainwordsonly here\nnext line\n",
            // spaced out
            "s k - l i v e 1 2 3 4 5 6",
            "g-h-p-_-a-B-c-1-2-3-4",
            "x.Y.z.1.2.3.4.5.6.7.8",
            "4 5 3 9 5 7 8 1 2 3 4 5 6 7 8",
            "= = = = = = = = = = = = 5",
            "..........7",
            "a b c d e f g h i",
            // JWT split by whitespace
            "eyJhbGciOiJIUzI1NiJ9 . eyJzdWIiOiIxIn0 .\n  c2lnbmF0dXJl",
            // literals, calls, templates
            "k = \"abc\" + \"def\" + 'ghi'",
            "\"\".join([\"ab\", \"cd\", \"ef\"])",
            "String.format(\"%s%s\", \"left\", \"right\")",
            "printf(\"%s\", \"one\" \"two\")",
            "f(\"a\", \"b\")",
            "x = `${\"abc\"}def` + {'ghi'}",
            "$a = 'p1' . 'p2' .. 'p3' || 'p4' & \"p5\"",
            "\"a\" \\\n \"b\"",
            // YAML blocks
            "key: >\n  line one\n  line two\nnext: 1\n",
            "secret: |-\n    abcdef\n    ghijkl\n",
            "a: b | c > d",
            // spelled e-mails, digit separators
            "mail me: jo at example dot com please",
            "write to Someone AT Host DOT Org",
            "card 4539/5781/2345/6789 and 12_34_56_78_90_12_34",
            "1\u00B72\u00B73 and 4539\u00B75781\u00B72345\u00B76789",
            "12|34|56|78|90|12|34",
            // the other views: escapes, entities, percent, fold, base64
            "name (at) example [dot] com {AT} x",
            "&#64; &commat; &amp; \\u0041 \\x41 %41%42",
            "p\u0430ypal \uFF41\uFF42 zero\u200Bwidth",
            "QUtJQUlPU0ZPRE5ON0VYQU1QTEU= more",
            "quote's don't 'x' , 'y'");

    private static final String ALPHABET = "aZ19 -._/\\|\n\r\t\"'`{}()[]:>+&,=%$#@xyJe\u00B7\u0430";

    @Test
    void gatedAnalysisEqualsUngatedOnWrittenPieces() {
        for (String piece : PIECES) {
            assertSame(piece);
            assertSame("Some prose first. " + piece + " and after.");
            assertSame(piece.repeat(3));
        }
    }

    @Test
    void gatedAnalysisEqualsUngatedOnRandomMixesOfPieces() {
        Random random = new Random(18);
        for (int round = 0; round < 3000; round++) {
            StringBuilder b = new StringBuilder();
            int parts = 1 + random.nextInt(6);
            for (int k = 0; k < parts; k++) {
                String piece = PIECES.get(random.nextInt(PIECES.size()));
                b.append(random.nextBoolean() ? piece : mutate(piece, random));
                b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            assertSame(b.toString());
        }
    }

    @Test
    void gatedAnalysisEqualsUngatedOnRandomStrings() {
        Random random = new Random(1818);
        for (int round = 0; round < 20000; round++) {
            int n = 1 + random.nextInt(120);
            StringBuilder b = new StringBuilder(n);
            // a few chars per string, so patterns (runs, alternations, chains) form often
            String chars = pick(random, 2 + random.nextInt(5));
            for (int k = 0; k < n; k++) {
                b.append(chars.charAt(random.nextInt(chars.length())));
            }
            assertSame(b.toString());
        }
    }

    @Test
    void gatedAnalysisEqualsUngatedOnLongTextsOfDigitGroupsAndWords() {
        // long enough that the windows around separators leave gaps, with digit runs across window edges
        Random random = new Random(4539);
        String[] seps = {"/", "_", "\\", "|", "\u00B7", " ", "-"};
        for (int round = 0; round < 300; round++) {
            StringBuilder b = new StringBuilder();
            while (b.length() < 3000) {
                switch (random.nextInt(4)) {
                    case 0 -> b.append("word ".repeat(1 + random.nextInt(20)));
                    case 1 -> b.append("1234567890".repeat(1 + random.nextInt(8)));
                    default -> {
                        String sep = seps[random.nextInt(seps.length)];
                        int groups = 1 + random.nextInt(7);
                        for (int g = 0; g < groups; g++) {
                            b.append("4539178".substring(0, 1 + random.nextInt(7)));
                            if (g + 1 < groups) {
                                b.append(random.nextInt(10) == 0 ? seps[random.nextInt(seps.length)] : sep);
                            }
                        }
                        b.append(random.nextBoolean() ? " " : "");
                    }
                }
            }
            assertSame(b.toString());
        }
    }

    @Test
    void theWrittenPiecesExerciseTheRejoinBuilders() {
        int rejoined = 0;
        int suspects = 0;
        for (String piece : PIECES) {
            rejoined += Rejoin.of(piece, new long[1], null) != null ? 1 : 0;
        }
        String chain = "\"a\" + ".repeat(Rejoin.MAX_PIECES + 2) + "\"b\"";
        suspects += Views.analyze(chain).suspects().size();
        assertSame(chain);
        assertThat(rejoined).isGreaterThanOrEqualTo(PIECES.size() / 2);
        assertThat(suspects).isPositive();
    }

    @Test
    void ordinaryProseMeetsNoRejoinPrecondition() {
        String prose = "The quarterly report is due on Friday. Please review the attached draft, check the totals"
                + " against last year's figures, and send comments to the finance team before noon.\n"
                + "We also need a short summary (two paragraphs or fewer) for the board meeting next week.\n";
        Triggers triggers = triggersOf(prose);
        assertThat(triggers.any()).isFalse();
        assertThat(Views.analyze(prose).views()).isEmpty();
    }

    @Test
    void eachPreconditionIsSeenWhereItsBuilderHasWork() {
        assertThat(triggersOf("token=abcDEF123456ghiJKL\n789mnoPQR\n").newlineCount)
                .isEqualTo(1);
        assertThat(triggersOf("s k - l i v e 1 2 3 4").spaced).isTrue();
        assertThat(triggersOf("a b c d e f g h i").spaced).isFalse();
        assertThat(triggersOf("\"abc\" + \"def\"").literal).isTrue();
        assertThat(triggersOf("f(\"a\", \"b\")").literalComma).isTrue();
        assertThat(triggersOf("f(\"a\", \"b\")").literal).isFalse();
        assertThat(triggersOf("${\"abc\"}").template).isTrue();
        assertThat(triggersOf("4539/5781 and 12_34").digitSeparatorCount).isEqualTo(2);
        assertThat(triggersOf("key: |\n  x\n").yamlBlock).isTrue();
        assertThat(triggersOf("a | b").yamlBlock).isFalse();
        assertThat(triggersOf("x.eyJhbGciOi").jwt).isTrue();
        assertThat(triggersOf("jo at host, at\tx, cat at").atCount).isEqualTo(1);
        assertThat(triggersOf("x.join(").call).isTrue();
        assertThat(triggersOf("fprintf(stderr").call).isTrue();
        assertThat(triggersOf("f(\"%s\")").call).isTrue();
        assertThat(triggersOf("print(x) format").call).isFalse();
    }

    private static Triggers triggersOf(String text) {
        return Views.triggers(text);
    }

    private static String pick(Random random, int count) {
        StringBuilder b = new StringBuilder(count);
        for (int k = 0; k < count; k++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    /** {@code piece} with a few chars replaced, dropped or doubled. */
    private static String mutate(String piece, Random random) {
        StringBuilder b = new StringBuilder(piece);
        int edits = 1 + random.nextInt(3);
        for (int k = 0; k < edits && b.length() > 0; k++) {
            int at = random.nextInt(b.length());
            switch (random.nextInt(3)) {
                case 0 -> b.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 1 -> b.deleteCharAt(at);
                default -> b.insert(at, b.charAt(at));
            }
        }
        return b.toString();
    }

    private static void assertSame(String text) {
        Views.Analysis gated = Views.analyze(text, true);
        Views.Analysis ungated = Views.analyze(text, false);
        assertThat(describe(gated))
                .as("views of a text of %d chars", text.length())
                .isEqualTo(describe(ungated));
    }

    /** Every view's text, depth and per-char mapping, and every suspect span, as comparable values. */
    private static List<Object> describe(Views.Analysis analysis) {
        List<Object> out = new ArrayList<>();
        for (View v : analysis.views()) {
            out.add(v.text());
            out.add(v.depth());
            int[] map = new int[2 * v.text().length()];
            for (int k = 0; k < v.text().length(); k++) {
                map[2 * k] = v.originalStart(k, k + 1);
                map[2 * k + 1] = v.originalEnd(k, k + 1);
            }
            out.add(java.util.Arrays.toString(map));
        }
        for (int[] span : analysis.suspects()) {
            out.add(java.util.Arrays.toString(span));
        }
        return out;
    }
}
