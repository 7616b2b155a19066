package dev.mercato.e2e.fuzz;

import io.swagger.v3.oas.models.media.Schema;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A valid-looking value for a JSON schema, written with one chosen node replaced by a raw fragment. Every node's
 * position is a path such as {@code items[0].quantity}.
 */
final class JsonShape {

    static final int MAX_DEPTH = 6;

    record Node(String path, String type, boolean enumerated) {}

    private JsonShape() {}

    static String type(Schema<?> schema) {
        if (schema.getType() != null) {
            return schema.getType();
        }
        if (schema.getTypes() != null) {
            for (String type : schema.getTypes()) {
                if (!"null".equals(type)) {
                    return type;
                }
            }
        }
        if (schema.getProperties() != null) {
            return "object";
        }
        return schema.getItems() != null ? "array" : "string";
    }

    static List<Node> nodes(Schema<?> schema) {
        List<Node> nodes = new ArrayList<>();
        collect(schema, "", nodes, 0);
        return nodes;
    }

    private static void collect(Schema<?> schema, String path, List<Node> nodes, int depth) {
        String type = type(schema);
        if (!path.isEmpty()) {
            nodes.add(new Node(
                    path, type, schema.getEnum() != null && !schema.getEnum().isEmpty()));
        }
        if (depth > MAX_DEPTH) {
            return;
        }
        if ("object".equals(type) && schema.getProperties() != null) {
            schema.getProperties()
                    .forEach((name, child) ->
                            collect(child, path.isEmpty() ? name : path + "." + name, nodes, depth + 1));
        } else if ("array".equals(type) && schema.getItems() != null) {
            collect(schema.getItems(), path + "[0]", nodes, depth + 1);
        }
    }

    /** The value with the node at {@code target} (or none, when null) written as {@code fragment}. */
    static byte[] write(Schema<?> schema, String target, byte[] fragment, Random random) {
        var out = new ByteArrayOutputStream();
        write(schema, "", target, fragment, random, out, 0);
        return out.toByteArray();
    }

    /** The value with an extra property, or the first property twice. */
    static byte[] withExtra(Schema<?> schema, String extraJson, Random random) {
        byte[] body = write(schema, null, null, random);
        String text = new String(body, StandardCharsets.UTF_8);
        if (!text.startsWith("{") || text.equals("{}")) {
            return ("{" + extraJson + "}").getBytes(StandardCharsets.UTF_8);
        }
        return ("{" + extraJson + "," + text.substring(1)).getBytes(StandardCharsets.UTF_8);
    }

    private static void write(
            Schema<?> schema,
            String path,
            String target,
            byte[] fragment,
            Random random,
            ByteArrayOutputStream out,
            int depth) {
        if (path.equals(target)) {
            out.writeBytes(fragment);
            return;
        }
        String type = type(schema);
        switch (type) {
            case "object" -> {
                out.write('{');
                boolean first = true;
                Map<String, Schema> properties = schema.getProperties();
                if (properties != null && depth <= MAX_DEPTH) {
                    for (var property : properties.entrySet()) {
                        if (!first) {
                            out.write(',');
                        }
                        first = false;
                        out.writeBytes(Hostile.json(property.getKey()).getBytes(StandardCharsets.UTF_8));
                        out.write(':');
                        String child = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
                        write(property.getValue(), child, target, fragment, random, out, depth + 1);
                    }
                }
                out.write('}');
            }
            case "array" -> {
                out.write('[');
                if (schema.getItems() != null && depth <= MAX_DEPTH) {
                    write(schema.getItems(), path + "[0]", target, fragment, random, out, depth + 1);
                }
                out.write(']');
            }
            default -> out.writeBytes(scalar(schema, type, random).getBytes(StandardCharsets.UTF_8));
        }
    }

    static String scalar(Schema<?> schema, String type, Random random) {
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return Hostile.json(String.valueOf(schema.getEnum().getFirst()));
        }
        return switch (type) {
            case "integer" ->
                schema.getMinimum() != null ? schema.getMinimum().toBigInteger().toString() : "1";
            case "number" -> "1";
            case "boolean" -> "true";
            default -> Hostile.json(text(schema, random));
        };
    }

    static String text(Schema<?> schema, Random random) {
        String format = schema.getFormat() == null ? "" : schema.getFormat();
        return switch (format) {
            case "uuid" -> new UUID(random.nextLong(), random.nextLong()).toString();
            case "email" -> "fuzz" + Math.abs(random.nextInt()) + "@example.com";
            case "date-time" -> "2026-01-01T00:00:00Z";
            case "date" -> "2026-01-01";
            default -> {
                int min = schema.getMinLength() == null ? 1 : Math.max(1, schema.getMinLength());
                yield "x".repeat(Math.min(min, 64));
            }
        };
    }
}
