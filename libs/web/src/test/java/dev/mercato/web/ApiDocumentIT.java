package dev.mercato.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.web.sample.SampleApplication;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The API document describes the problem responses every operation can give, and only the API's own paths. */
@SpringBootTest(
        classes = SampleApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"eureka.client.enabled=false", "MERCATO_LOG_FORMAT=text"})
class ApiDocumentIT {

    @LocalServerPort
    int port;

    JsonNode document;

    @BeforeEach
    void setUp() {
        var response = HttpJson.at("http://localhost:" + port).get("/v3/api-docs");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        document = response.json();
    }

    @Test
    void leavesOutTheContainersErrorPath() {
        List<String> paths = new ArrayList<>();
        document.get("paths").propertyNames().forEach(paths::add);

        assertThat(paths).contains("/orders", "/search").doesNotContain("/error");
    }

    @Test
    void describesProblemDocumentsAndTheBearerScheme() {
        JsonNode components = document.get("components");

        assertThat(components.get("schemas").get("Problem").get("properties").has("errors"))
                .isTrue();
        assertThat(components.get("schemas").get("FieldError").get("properties").has("field"))
                .isTrue();
        assertThat(components.get("securitySchemes").get("bearer").get("scheme").asString())
                .isEqualTo("bearer");
    }

    @Test
    void listsTheProblemResponsesOfEveryOperation() {
        JsonNode create = document.get("paths").get("/orders").get("post").get("responses");

        assertThat(create.propertyNames()).contains("200", "400", "413", "415", "429", "503");
        assertThat(create.get("400")
                        .get("content")
                        .get("application/problem+json")
                        .get("schema")
                        .get("$ref")
                        .asString())
                .isEqualTo("#/components/schemas/Problem");
        JsonNode search = document.get("paths").get("/search").get("get").get("responses");
        assertThat(search.propertyNames()).contains("200", "400", "429", "503").doesNotContain("413", "404");
    }
}
