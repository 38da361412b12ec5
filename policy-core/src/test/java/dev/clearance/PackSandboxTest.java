package dev.clearance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clearance.pack.PackTrust;
import dev.clearance.pack.RuleFile;
import dev.clearance.pack.RulePack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Untrusted rule code is verified against the allowlist before it compiles (docs/pack-sandbox.md). */
class PackSandboxTest {
    private static final KeyPair KEYS = PackTrust.generateKeyPair();

    @TempDir
    Path dir;

    private static List<Diagnostic> refused(RulePack pack) {
        try {
            PolicyEngine.builder().rulePack(pack).scanner(ContentScanner.none()).build();
        } catch (RulePackCompilationException e) {
            return e.diagnostics();
        }
        throw new AssertionError("the pack must not compile");
    }

    private static Diagnostic refusedOne(String rules) {
        List<Diagnostic> d = refused(TestPacks.drl(rules));
        assertThat(d).isNotEmpty();
        return d.get(0);
    }

    /** The header is 4 lines: a rule on line 5 of the file is the first line of {@code rules}. */
    private static final int FIRST = 5;

    @Test
    void systemExit_isACompileErrorNamingFileLineRuleAndCall() {
        Diagnostic d = refusedOne("rule \"quit\" when Data() then System.exit(0); end\n");

        assertThat(d.resource()).isEqualTo("rules/test.drl");
        assertThat(d.line()).isEqualTo(FIRST);
        assertThat(d.ruleId()).isEqualTo("quit");
        assertThat(d.message()).isEqualTo("rule 'quit' calls java.lang.System.exit: not allowed in a pack");
        assertThat(d.format()).startsWith("rules/test.drl:" + FIRST + ":");
    }

    @Test
    void qualifiedSystemExit_isRefusedToo() {
        assertThat(refusedOne("rule \"quit\" when Data() then\n java.lang.System.exit(3);\nend\n")
                        .message())
                .isEqualTo("rule 'quit' calls java.lang.System.exit: not allowed in a pack");
    }

    @Test
    void qualifiedNamesSplitByWhitespaceCommentsOrUnicodeEscapes_areRefusedToo() {
        for (String call : List.of(
                "java.lang . System.exit(0);",
                "java . lang\n . System . exit(0);",
                "java.lang./* */System.exit(0);",
                "java.lang.// x\nSystem.exit(0);",
                "\\u0053ystem.exit(0);",
                "java.lang.\\u0053ystem.exit(0);",
                "\\u006a\\u0061va.lang.System.exit(0);",
                "System.\\u0065xit(0);")) {
            assertThat(refusedOne("rule \"quit\" when Data() then\n" + call + "\nend\n")
                            .message())
                    .as(call)
                    .isEqualTo("rule 'quit' calls java.lang.System.exit: not allowed in a pack");
        }
        for (String call : List.of(
                "new java.lang . ProcessBuilder(\"id\");",
                "new \\u0050rocessBuilder(\"id\");",
                "Class . forName(\"x\");",
                "java.lang . Runtime . getRuntime();")) {
            assertThat(refusedOne("rule \"p\" when Data() then\n" + call + "\nend\n")
                            .message())
                    .as(call)
                    .startsWith("rule 'p' ")
                    .endsWith("not allowed in a pack");
        }
        assertThat(refusedOne("rule \"m\" dialect \"mvel\" when Data() then\njava.lang . System.exit(0);\nend\n")
                        .message())
                .isEqualTo("rule 'm' calls java.lang.System.exit: not allowed in a pack");
        assertThat(refusedOne("rule \"c\" when Data( java.lang . \\u0053ystem.getenv(\"X\") != null ) then\nend\n")
                        .message())
                .isEqualTo("rule 'c' calls java.lang.System.getenv: not allowed in a pack");
    }

    @Test
    void runtimeExec_isRefused() {
        Diagnostic d = refusedOne("rule \"sh\" when Data() then\n    Runtime.getRuntime().exec(\"id\");\nend\n");

        assertThat(d.line()).isEqualTo(FIRST + 1);
        assertThat(d.message()).isEqualTo("rule 'sh' calls java.lang.Runtime.getRuntime: not allowed in a pack");
    }

    @Test
    void processBuilder_isRefused() {
        assertThat(refusedOne("rule \"pb\" when Data() then new ProcessBuilder(\"id\").start(); end\n")
                        .message())
                .isEqualTo("rule 'pb' uses java.lang.ProcessBuilder: not allowed in a pack");
    }

    @Test
    void fileIo_throughJavaIo_isRefused() {
        assertThat(refusedOne("rule \"read\" when Data() then new java.io.FileInputStream(\"/etc/hosts\"); end\n")
                        .message())
                .isEqualTo("rule 'read' uses java.io.FileInputStream: not allowed in a pack");
    }

    @Test
    void fileIo_throughAnImportOfJavaNioFile_isRefused() {
        List<Diagnostic> d = refused(
                TestPacks.drl("rule \"write\" when Data() then Files.writeString(Path.of(\"/tmp/x\"), \"x\"); end\n"
                        .replace("rule", "import java.nio.file.Files;\nrule")));

        assertThat(d)
                .extracting(Diagnostic::message)
                .contains(
                        "the pack imports java.nio.file.Files: not allowed in a pack",
                        "rule 'write' calls java.nio.file.Files.writeString: not allowed in a pack",
                        "rule 'write' calls Path.of: not allowed in a pack");
    }

    @Test
    void reflection_isRefused() {
        assertThat(refusedOne("rule \"refl\" when Data() then Class.forName(\"java.lang.Runtime\"); end\n")
                        .message())
                .isEqualTo("rule 'refl' calls java.lang.Class.forName: not allowed in a pack");
        assertThat(refusedOne("rule \"refl\" when $d : Data() then verdict.allow($d.getClass().getName()); end\n")
                        .message())
                .startsWith("rule 'refl' uses '.getClass'");
    }

    @Test
    void threads_areRefused() {
        assertThat(refusedOne("rule \"t\" when Data() then Thread.sleep(100000L); end\n")
                        .message())
                .isEqualTo("rule 't' calls java.lang.Thread.sleep: not allowed in a pack");
    }

    @Test
    void anUnboundedLoop_isRefused() {
        Diagnostic d = refusedOne("rule \"spin\" when Data() then\n  while (true) { }\nend\n");

        assertThat(d.line()).isEqualTo(FIRST + 1);
        assertThat(d.message()).isEqualTo("rule 'spin' uses 'while': loops are not allowed in a pack");
        assertThat(refusedOne("rule \"spin\" when Data() then for (;;) { } end\n")
                        .message())
                .contains("'for': loops are not allowed");
    }

    @Test
    void recursionThroughFunctions_isRefused() {
        List<Diagnostic> d = refused(TestPacks.drl("""
                function int down(int n) { return n <= 0 ? 0 : up(n - 1); }
                function int up(int n) { return down(n); }
                rule "deep" when Data() then verdict.allow("x" + down(5)); end
                """));

        assertThat(d)
                .extracting(Diagnostic::message)
                .contains("function 'down' calls itself (directly or through other functions): recursion is not"
                        + " allowed in a pack");
    }

    @Test
    void aFunctionCallingAnother_withoutACycle_compiles() {
        PolicyEngine engine = PolicyEngine.builder()
                .rulePack(TestPacks.drl("""
                        function String twice(String s) { return s + s; }
                        function String shout(String s) { return twice(s).toUpperCase(); }
                        rule "ok" when Data() then verdict.allow(shout("ok")); end
                        """))
                .scanner(ContentScanner.none())
                .build();

        assertThat(engine.ruleIds()).containsExactly("ok");
    }

    @Test
    void staticMutableState_isRefused() {
        assertThat(refused(
                        TestPacks.drl("global java.util.List seen;\nrule \"r\" when Data() then seen.add(1); end\n")))
                .extracting(Diagnostic::message)
                .anyMatch(m -> m.startsWith("the pack declares global 'seen': the only global allowed"));
        assertThat(refusedOne("rule \"r\" when Data() then\n  class Holder { static int n; }\nend\n")
                        .message())
                .contains("not allowed in a pack");
    }

    @Test
    void mvelConsequences_areCheckedLikeJava() {
        assertThat(refusedOne("rule \"m\" dialect \"mvel\" when Data() then System.exit(0); end\n")
                        .message())
                .isEqualTo("rule 'm' calls java.lang.System.exit: not allowed in a pack");
    }

    @Test
    void constraints_areCheckedToo() {
        assertThat(refusedOne(
                                "rule \"c\" when Data( eval(System.getenv(\"HOME\") != null) ) then verdict.allow(); end\n")
                        .message())
                .isEqualTo("rule 'c' calls java.lang.System.getenv: not allowed in a pack");
    }

    @Test
    void codeHiddenBehindAUnicodeEscapeInAComment_isStillRead() {
        // Java turns backslash-u000a into a line break before it reads the comment
        assertThat(refusedOne("rule \"u\" when Data() then // \\u000a System.exit(0);\nend\n")
                        .message())
                .isEqualTo("rule 'u' calls java.lang.System.exit: not allowed in a pack");
    }

    @Test
    void forbiddenNamesInStringsAndComments_areNotCode() {
        PolicyEngine engine = PolicyEngine.builder()
                .rulePack(TestPacks.drl("""
                        // System.exit would be refused here, not in a comment
                        rule "words" when Data() then verdict.deny("System.exit(0) and while (true) are text"); end
                        """))
                .scanner(ContentScanner.none())
                .build();

        assertThat(engine.ruleIds()).containsExactly("words");
    }

    @Test
    void dslExpansions_areVerifiedAsTheyCompile() {
        RulePack pack = RulePack.builder("dsl", "1")
                .file(RuleFile.of("x.dsl", "[then]quit now=System.exit(0);\n[when]any data=Data()\n"))
                .file(RuleFile.of(
                        "x.dslr",
                        TestPacks.HEADER + "rule \"expanded\"\nwhen\n    any data\nthen\n    quit now\nend\n"))
                .build();

        assertThat(refused(pack))
                .extracting(Diagnostic::message)
                .containsExactly("rule 'expanded' calls java.lang.System.exit: not allowed in a pack");
    }

    @Test
    void decisionTableActions_areVerifiedAsTheyCompile() {
        String csv = """
                RuleSet,test.rules
                Import,"dev.clearance.Classification, dev.clearance.facts.Data"
                Variables,dev.clearance.facts.Verdict verdict
                ,
                RuleTable Quit,
                CONDITION,ACTION
                $d : Data,
                classification == Classification.$param,System.exit($param);
                class,exit
                PUBLIC,0
                """;
        RulePack pack = RulePack.builder("table", "1")
                .file(RuleFile.of("quit.csv", csv))
                .build();

        Diagnostic d = refused(pack).get(0);
        assertThat(d.message()).endsWith("calls java.lang.System.exit: not allowed in a pack");
        assertThat(d.resource()).isEqualTo("quit.csv");
        assertThat(d.line()).as("the row of the table").isEqualTo(10);
    }

    private void writePack(String rules) throws IOException {
        Files.writeString(dir.resolve("pack.yaml"), "id: full\nversion: \"1\"\n");
        Files.writeString(dir.resolve("rules.drl"), TestPacks.HEADER + rules);
    }

    private static final String FULL_JAVA =
            "rule \"env\" when Data() then verdict.allow(String.valueOf(System.getenv(\"PATH\") != null)); end\n";

    @Test
    void unrestrictedCode_compilesWhenSignedByATrustedKey() throws IOException {
        writePack(FULL_JAVA);
        PackTrust.sign(dir, KEYS.getPrivate());

        RulePack pack = RulePack.load(dir, PackTrust.of(KEYS.getPublic()).allowUnrestrictedCode());

        assertThat(pack.allowsUnrestrictedCode()).isTrue();
        assertThat(PolicyEngine.builder()
                        .rulePack(pack)
                        .scanner(ContentScanner.none())
                        .build()
                        .ruleIds())
                .containsExactly("env");
    }

    @Test
    void unrestrictedCode_needsASignature() throws IOException {
        writePack(FULL_JAVA);

        assertThatThrownBy(() -> PackTrust.none().allowUnrestrictedCode())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("trusted key");
        // keys but no signature: the pack does not load at all
        assertThatThrownBy(
                        () -> RulePack.load(dir, PackTrust.of(KEYS.getPublic()).allowUnrestrictedCode()))
                .isInstanceOf(RulePackCompilationException.class)
                .hasMessageContaining("not signed");
        // signed, but the trust does not allow it: verified like any pack
        PackTrust.sign(dir, KEYS.getPrivate());
        RulePack signed = RulePack.load(dir, PackTrust.of(KEYS.getPublic()));
        assertThat(signed.allowsUnrestrictedCode()).isFalse();
        assertThat(refused(signed))
                .extracting(Diagnostic::message)
                .containsExactly("rule 'env' calls java.lang.System.getenv: not allowed in a pack");
    }

    @Test
    void packsBuiltInCode_areAlwaysVerified() {
        assertThat(TestPacks.drl(FULL_JAVA).allowsUnrestrictedCode()).isFalse();
    }
}
