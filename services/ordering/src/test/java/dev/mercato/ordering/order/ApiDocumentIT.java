package dev.mercato.ordering.order;

import static dev.mercato.testsupport.http.ApiDocumentAssertions.assertDescribesItsProblems;
import static dev.mercato.testsupport.http.ApiDocumentAssertions.needsBearer;
import static dev.mercato.testsupport.http.ApiDocumentAssertions.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.ordering.OrderingIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Ordering's OpenAPI document says what its operations really answer. */
class ApiDocumentIT extends OrderingIntegrationTest {

    @Test
    void describesEveryOperationsProblemsAndNoFrameworkPaths() {
        assertDescribesItsProblems(document());
    }

    @Test
    void listsCheckoutAsAcceptedWithItsPreconditionsAndBearerToken() {
        JsonNode document = document();

        assertThat(statuses(document, "POST", "/v1/checkout"))
                .contains("202", "400", "401", "409", "422", "428", "429", "503")
                .doesNotContain("200");
        assertThat(needsBearer(document, "POST", "/v1/checkout")).isTrue();
        assertThat(statuses(document, "GET", "/v1/orders/{id}")).contains("200", "304", "401", "404");
        assertThat(statuses(document, "POST", "/v1/orders/{id}/cancel")).contains("202", "409");
    }

    private JsonNode document() {
        var response = http.get("/v3/api-docs");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }
}
