package dev.mercato.e2e.fuzz;

import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Derives the hostile requests for one operation from its document: a valid-looking baseline, then each path, query and
 * header parameter and each body node replaced in turn by every hostile value of its kind, and whole bodies that are
 * not what the operation takes.
 */
public final class FuzzRequests {

    private final Hostile hostile;
    private final Random random;

    public FuzzRequests(Hostile hostile) {
        this.hostile = hostile;
        this.random = hostile.random();
    }

    public List<FuzzRequest> of(ApiOperation operation, String credential, String token) {
        List<FuzzRequest> requests = new ArrayList<>();
        Consumer<Mutation> add = m -> requests.add(build(operation, credential, token, m));
        add.accept(new Mutation("baseline", null, null, null, null));
        for (Parameter parameter : operation.parameters()) {
            switch (parameter.getIn()) {
                case "path", "query" ->
                    hostile.urlValues()
                            .forEach(value -> add.accept(new Mutation(
                                    parameter.getIn() + " " + parameter.getName() + "=" + shorten(value),
                                    parameter.getName(),
                                    value,
                                    null,
                                    null)));
                case "header" ->
                    hostile.headerValues()
                            .forEach(value -> add.accept(new Mutation(
                                    "header " + parameter.getName(),
                                    null,
                                    null,
                                    Map.of(parameter.getName(), value),
                                    null)));
                default -> {
                    // cookies: no operation takes one
                }
            }
        }
        for (byte[] value : hostile.headerValues()) {
            add.accept(new Mutation("header Accept-Language", null, null, Map.of("Accept-Language", value), null));
        }
        if (operation.body() != null) {
            Schema<?> body = operation.body();
            for (JsonShape.Node node : JsonShape.nodes(body)) {
                for (byte[] fragment : hostile.jsonValues(node.type(), node.enumerated())) {
                    add.accept(new Mutation(
                            "body " + node.path() + "=" + shorten(new String(fragment, StandardCharsets.UTF_8)),
                            null,
                            null,
                            null,
                            JsonShape.write(body, node.path(), fragment, random)));
                }
            }
            for (byte[] whole : hostile.bodies()) {
                add.accept(new Mutation(
                        "body " + shorten(new String(whole, StandardCharsets.UTF_8)), null, null, null, whole));
            }
            if (body.getProperties() != null) {
                for (var property : body.getProperties().entrySet()) {
                    String duplicate = Hostile.json(property.getKey()) + ":"
                            + JsonShape.scalar(property.getValue(), JsonShape.type(property.getValue()), random);
                    add.accept(new Mutation(
                            "body duplicate key " + property.getKey(),
                            null,
                            null,
                            null,
                            JsonShape.withExtra(body, duplicate, random)));
                }
            }
            add.accept(new Mutation(
                    "body unknown field", null, null, null, JsonShape.withExtra(body, "\"zzUnknown\":\"x\"", random)));
            add.accept(new Mutation(
                    "content-type text/plain", null, null, Map.of("Content-Type", bytes("text/plain")), null));
        }
        return requests;
    }

    private record Mutation(
            String label, String parameter, String rawValue, Map<String, byte[]> headers, byte[] body) {}

    private FuzzRequest build(ApiOperation operation, String credential, String token, Mutation mutation) {
        String path = operation.path();
        var query = new StringBuilder();
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put("Accept", bytes("application/json"));
        if (token != null) {
            headers.put("Authorization", bytes("Bearer " + token));
        }
        for (Parameter parameter : operation.parameters()) {
            boolean targeted = parameter.getName().equals(mutation.parameter());
            Schema<?> schema = parameter.getSchema() != null ? parameter.getSchema() : new StringSchema();
            String baseline = Url.encode(unquote(JsonShape.scalar(schema, JsonShape.type(schema), random)));
            switch (parameter.getIn()) {
                case "path" ->
                    path = path.replace("{" + parameter.getName() + "}", targeted ? mutation.rawValue() : baseline);
                case "query" -> {
                    if (targeted || Boolean.TRUE.equals(parameter.getRequired())) {
                        query.append(query.isEmpty() ? "?" : "&")
                                .append(parameter.getName())
                                .append('=')
                                .append(targeted ? mutation.rawValue() : baseline);
                    }
                }
                case "header" -> {
                    if (Boolean.TRUE.equals(parameter.getRequired())
                            || parameter.getName().equals("Idempotency-Key")) {
                        headers.put(parameter.getName(), bytes(unquote(JsonShape.scalar(schema, "string", random))));
                    }
                }
                default -> {}
            }
        }
        byte[] body = new byte[0];
        if (operation.body() != null) {
            headers.put("Content-Type", bytes("application/json"));
            body = mutation.body() != null ? mutation.body() : JsonShape.write(operation.body(), null, null, random);
        }
        if (mutation.headers() != null) {
            headers.putAll(mutation.headers());
        }
        return new FuzzRequest(
                operation,
                credential,
                mutation.label(),
                (path + query).getBytes(StandardCharsets.ISO_8859_1),
                headers,
                body);
    }

    private static String unquote(String json) {
        return json.startsWith("\"") && json.endsWith("\"") ? json.substring(1, json.length() - 1) : json;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String shorten(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "…(" + text.length() + ")" : printable;
    }
}
