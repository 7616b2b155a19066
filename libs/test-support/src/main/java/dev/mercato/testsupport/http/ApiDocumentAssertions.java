package dev.mercato.testsupport.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What every service's OpenAPI document must say (issue 19): only the API's own paths, and for each operation a
 * success status and the problem responses it can give, each with the problem-document schema.
 */
public final class ApiDocumentAssertions {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private ApiDocumentAssertions() {}

    public static void assertDescribesItsProblems(JsonNode document) {
        assertThat(document.get("components").get("schemas").has("Problem")).isTrue();
        assertThat(document.get("components").get("securitySchemes").has("bearer"))
                .isTrue();
        List<String> paths = document.get("paths").propertyNames().stream().toList();
        assertThat(paths).doesNotContain("/error");
        for (String path : paths) {
            JsonNode item = document.get("paths").get(path);
            for (String method : item.propertyNames()) {
                if (!METHODS.contains(method)) {
                    continue;
                }
                JsonNode operation = item.get(method);
                String name = method.toUpperCase() + " " + path;
                JsonNode responses = operation.get("responses");
                assertThat(responses.propertyNames())
                        .as(name)
                        .anyMatch(status -> status.startsWith("2"))
                        .contains("400", "429", "503");
                boolean secured = operation.has("security");
                if (secured) {
                    assertThat(responses.propertyNames()).as(name).contains("401");
                }
                for (String status : responses.propertyNames()) {
                    if (status.startsWith("4") || status.startsWith("5")) {
                        assertThat(responses
                                        .get(status)
                                        .path("content")
                                        .path("application/problem+json")
                                        .path("schema")
                                        .path("$ref")
                                        .asString(""))
                                .as(name + " " + status)
                                .isEqualTo(PROBLEM_REF);
                    }
                }
            }
        }
    }

    /** The statuses the document lists for one operation. */
    public static List<String> statuses(JsonNode document, String method, String path) {
        return document.get("paths").get(path).get(method.toLowerCase()).get("responses").propertyNames().stream()
                .toList();
    }

    public static boolean needsBearer(JsonNode document, String method, String path) {
        return document.get("paths").get(path).get(method.toLowerCase()).has("security");
    }
}
