package dev.clearance.cli;

import java.util.List;

/**
 * Realistic but made-up secrets and personal data, written for these tests (valid checksums where the detector
 * checks one). {@code text} is what goes into a prompt; {@code needle} is the part that must never leak.
 */
final class FakeSensitiveValues {
    record Value(String name, String text, String needle) {
        Value(String name, String text) {
            this(name, text, text);
        }
    }

    static final List<Value> ALL = List.of(
            new Value("aws access key", "AKIAZ7QW3RT5YH2KLXMN"),
            new Value(
                    "aws secret key",
                    "aws_secret_access_key = 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",
                    "wJa9Xq2LmT7rBf0ZcY4kWnP1sHd8gJ3uEa6VyRtQ"),
            new Value("github token", "ghp_R7k2Lm9Qw4Xz8Vn3Bc6Td1Fy5Hs0Jp2Gu7Ke"),
            new Value(
                    "openai key",
                    "sk-proj-Qm7Xc2Vb9Nk4Lp1Hs8Dj3Fg6Tr0Yw5Ez2Ua7Io4Pq9Mn1Bv6Cx3Za8Sd5Fg2Hj7Kl0Qw4Er9Ty1"
                            + "Ui6Op3As8Df5Gh2Jk7Lz"),
            new Value(
                    "anthropic key",
                    "sk-ant-api03-Zq8Xw2Ce4Rv6Tb1Yn3Um5Ik7Ol9Pa0Sd2Fg4Hj6Kl8Zx1Cv3Bn5Mq7Wf9Er2Ty4"
                            + "Ui6Op8As1Df3Gh5Jk7Lz9Xc2Vb4Nm6AA"),
            new Value("slack bot token", "xoxb-2847561930-4718293056-Vd8kQm3Zx7Lp2Rw9Tn5Bc1Hf"),
            new Value("stripe key", "sk_live_51Hq8ZkLm3Vx9Tb2Rw7Nc4Pd6Yf1Gs0Jh5Ku8Ea3Qz"),
            new Value(
                    "jwt",
                    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1LTQ0MiIsIm5hbWUiOiJSb3NhIFZhbGRleiIsIm"
                            + "lhdCI6MTcwMDAwMDAwMH0.h7Lx2Qm9Vk4Rt8Zp1Wc6Nb3Jd5Fs0Gy7Ke2Ua9Ti4"),
            new Value(
                    "database url password",
                    "postgres://svc_billing:Tr0ub4dorQx9zW@db7.northwind-corp.com:5432/billing",
                    "Tr0ub4dorQx9zW"),
            new Value("email", "rosa.valdez@northwindtraders.com"),
            new Value("phone", "+44 20 7946 0958", "7946 0958"),
            new Value("credit card", "4539 1488 0343 6467", "1488 0343"),
            new Value("us ssn", "536-22-8411"),
            new Value("iban", "DE29370502990004217839"),
            new Value("ip address", "203.0.113.77"));

    private FakeSensitiveValues() {}

    /** A prompt carrying {@code v} in some ordinary text. */
    static String prompt(Value v) {
        return "Please check this before the release: " + v.text() + " - thanks!";
    }
}
