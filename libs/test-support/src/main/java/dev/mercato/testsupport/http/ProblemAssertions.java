package dev.mercato.testsupport.http;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;

/** Checks that a response is the RFC 9457 problem document every Mercato service answers errors with. */
public final class ProblemAssertions {

    private ProblemAssertions() {}

    /** The status, the content type, the {@code type} URI and the fields every problem carries. */
    public static JsonNode assertProblem(HttpJson.Response response, int status, String type) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo("https://mercato.dev/problems/" + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
        assertThat(problem.get("requestId").asString()).isNotBlank();
        return problem;
    }
}
