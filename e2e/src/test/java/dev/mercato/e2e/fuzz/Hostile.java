package dev.mercato.e2e.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The hostile values, as raw bytes where it matters: each list is what a careless or malicious client could put in that
 * part of a request. The seeded generator adds random ones of the same kinds, so a run is reproducible by its seed.
 */
public final class Hostile {

    /** Longest text the suite puts into a URL: past the edge's request-line limit it would test that limit instead. */
    private static final int URL_TEXT = 1_000;

    private static final List<String> TEXT = List.of(
            "",
            " ",
            "' OR '1'='1' --",
            "1; DROP TABLE orders; --",
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>",
            "../../../../etc/passwd",
            "..\\..\\windows\\win.ini",
            "${jndi:ldap://localhost/x}",
            "{{7*7}}",
            "%s%s%s%n",
            "null",
            "-1",
            "NaN",
            "\u202e\u0000\u0007",
            "𝔐𝔢𝔯𝔠𝔞𝔱𝔬 🛒",
            "x".repeat(URL_TEXT));

    private final Random random;

    public Hostile(long seed) {
        this.random = new Random(seed);
    }

    /** Percent-encoded (or deliberately broken) values for a path segment or a query parameter. */
    public List<String> urlValues() {
        List<String> values = new ArrayList<>();
        TEXT.forEach(text -> values.add(Url.encode(text)));
        values.addAll(List.of(
                "%C3%28",
                "%FF%FE",
                "%ED%A0%80",
                "%C0%AF",
                "%E2%82",
                "%",
                "%G1",
                "%00",
                "..%2F..%2Fetc%2Fpasswd",
                "%2e%2e%2f",
                "-9223372036854775809",
                "99999999999999999999",
                "1.5",
                "1e400",
                "-0",
                "0x10",
                "00000000-0000-0000-0000-000000000000",
                "true"));
        values.add(Url.encode(randomText(1 + random.nextInt(200))));
        return values;
    }

    /** Raw header values, some of them not UTF-8 at all. */
    public List<byte[]> headerValues() {
        List<byte[]> values = new ArrayList<>();
        for (String text :
                List.of("", "x".repeat(URL_TEXT), "' OR 1=1 --", "<script>", "../../etc", "-1", "W/\"x\"", "*")) {
            values.add(text.getBytes(StandardCharsets.UTF_8));
        }
        values.add(new byte[] {(byte) 0xC3, 0x28});
        values.add(new byte[] {(byte) 0xFF, (byte) 0xFE, 'x'});
        values.add(new byte[] {'a', (byte) 0x80, 'b'});
        return values;
    }

    /** Raw JSON fragments to put in place of a value of the given JSON schema type. */
    public List<byte[]> jsonValues(String type, boolean enumerated) {
        List<String> fragments = new ArrayList<>(List.of("null", "{}", "[]", "true", "\"\""));
        switch (type) {
            case "integer" ->
                fragments.addAll(List.of(
                        "1.5",
                        "2.0",
                        "-1",
                        "0",
                        "2147483648",
                        "-2147483649",
                        "9223372036854775808",
                        "1e400",
                        "\"1\"",
                        "1E2",
                        String.valueOf(random.nextLong()),
                        "-" + random.nextInt(1_000_000)));
            case "number" ->
                fragments.addAll(List.of(
                        "\"1.5\"",
                        "-1",
                        "-1e308",
                        "1e400",
                        "0.0000000001",
                        "123456789012345678901234567890.12",
                        "NaN"));
            case "boolean" -> fragments.addAll(List.of("\"true\"", "1", "0", "\"yes\""));
            case "array" ->
                fragments.addAll(List.of("\"x\"", "1", "[null]", "[[[[[]]]]]", "[" + "1,".repeat(10_000) + "1]"));
            case "object" -> fragments.addAll(List.of("\"x\"", "1", "{\"unknown\":1}", "{\"\":\"\"}"));
            default -> {
                fragments.addAll(List.of("1", "1.5", "[\"x\"]", "\"\\ud800\"", "\"\\u0000\"", "\"x\\u0000y\""));
                TEXT.forEach(text -> fragments.add(json(text)));
                fragments.add(json("x".repeat(20_000)));
                fragments.add(json(randomText(1 + random.nextInt(300))));
            }
        }
        if (enumerated) {
            fragments.addAll(List.of("\"NOT_A_VALUE\"", "\"pending\"", "0"));
        }
        List<byte[]> values = new ArrayList<>();
        fragments.forEach(f -> values.add(f.getBytes(StandardCharsets.UTF_8)));
        values.add(new byte[] {'"', (byte) 0xC3, 0x28, '"'});
        values.add(new byte[] {'"', 'a', (byte) 0xFF, '"'});
        return values;
    }

    /** Whole bodies that are not the JSON object any operation takes. */
    public List<byte[]> bodies() {
        List<String> bodies = new ArrayList<>(List.of(
                "",
                "null",
                "[]",
                "\"x\"",
                "1",
                "{",
                "{\"a\":",
                "{}}",
                "{\"a\":1,}",
                "{'a':1}",
                "{\"\":1}",
                "[".repeat(5_000) + "]".repeat(5_000),
                "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000),
                "{\"__proto__\":{\"admin\":true}}"));
        List<byte[]> values = new ArrayList<>();
        bodies.forEach(b -> values.add(b.getBytes(StandardCharsets.UTF_8)));
        values.add(new byte[] {'{', '"', (byte) 0xC3, 0x28, '"', ':', '1', '}'});
        values.add(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'});
        values.add(new byte[] {(byte) 0xFE, (byte) 0xFF, 0, '{', 0, '}'});
        return values;
    }

    public Random random() {
        return random;
    }

    private String randomText(int length) {
        var text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(4);
            text.appendCodePoint(
                    switch (kind) {
                        case 0 -> 0x20 + random.nextInt(0x5f);
                        case 1 -> 0xa0 + random.nextInt(0x700);
                        case 2 -> 0x1f300 + random.nextInt(0x200);
                        default -> 0x4e00 + random.nextInt(0x5000);
                    });
        }
        return text.toString();
    }

    static String json(String text) {
        var out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
