package dev.mercato.web.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.List;
import java.util.Map;

/** The RFC 9457 problem document and its field errors, as {@code dev.mercato.web.problem} renders them. */
final class ProblemSchemas {

    static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM = "Problem";
    private static final String FIELD_ERROR = "FieldError";

    private ProblemSchemas() {}

    static void addTo(Components components) {
        components.addSchemas(
                FIELD_ERROR,
                new ObjectSchema()
                        .description("One rejected input: the body field (by path), query parameter or header, and why")
                        .addProperty("field", new StringSchema().example("items[0].quantity"))
                        .addProperty("message", new StringSchema().example("must be an integer"))
                        .required(List.of("field", "message")));
        Schema<?> problem = new ObjectSchema()
                .description("An RFC 9457 problem document; docs/problems.md lists the types")
                .addProperty(
                        "type", new StringSchema().format("uri").example("https://mercato.dev/problems/validation"))
                .addProperty("title", new StringSchema().example("Invalid request"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema().example("quantity: must be an integer"))
                .addProperty("instance", new StringSchema().format("uri"))
                .addProperty("requestId", new StringSchema().example("0b6c2f4e9d7a4c1e"))
                .addProperty(
                        "errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/" + FIELD_ERROR)))
                .required(List.of("type", "title", "status"));
        problem.setExample(Map.of(
                "type", "https://mercato.dev/problems/validation",
                "title", "Invalid request",
                "status", 400,
                "detail", "quantity: must be an integer",
                "requestId", "0b6c2f4e9d7a4c1e",
                "errors", List.of(Map.of("field", "quantity", "message", "must be an integer"))));
        components.addSchemas(PROBLEM, problem);
    }

    static Content content() {
        return new Content()
                .addMediaType(
                        PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
    }
}
