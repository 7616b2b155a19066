package dev.mercato.catalog.history;

import static dev.mercato.testsupport.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.catalog.AdminApiTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Admin writes → product events → the history consumer → GET /v1/products/{id}/history, through the real broker. */
class ProductHistoryIT extends AdminApiTest {

    @Test
    void recordsEveryChangeOfAProductNewestFirstAlsoAfterItIsDeleted() {
        String sku = "H-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Map<String, Object> body = Map.of(
                "sku",
                sku,
                "category",
                "books",
                "names",
                Map.of("en", "History book"),
                "price",
                Map.of("amount", "10.00", "currency", "EUR"),
                "inStock",
                true);
        var created = asAdmin("POST", "/v1/products", body, "X-Request-Id", "history-create-" + sku);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        Map<String, Object> cheaper = new java.util.HashMap<>(body);
        cheaper.put("price", Map.of("amount", "8.00", "currency", "EUR"));
        assertThat(asAdmin("PUT", "/v1/products/" + id, cheaper, "If-Match", "\"1\"")
                        .status())
                .isEqualTo(200);
        assertThat(asAdmin("DELETE", "/v1/products/" + id, null, "If-Match", "\"2\"")
                        .status())
                .isEqualTo(204);

        List<JsonNode> items = new ArrayList<>();
        Awaitility.await("three changes recorded")
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    var history = asAdmin("GET", "/v1/products/" + id + "/history", null);
                    assertThat(history.status()).as(history.toString()).isEqualTo(200);
                    items.clear();
                    history.json().get("items").forEach(items::add);
                    assertThat(items).hasSize(3);
                });

        assertThat(items).extracting(i -> i.get("change").asString()).containsExactly("deleted", "updated", "created");
        assertThat(items).extracting(i -> i.get("version").asInt()).containsExactly(2, 2, 1);
        assertThat(items.get(1).get("product").get("price").get("amount").asString())
                .isEqualTo("8.00");
        assertThat(items.get(2).get("requestId").asString())
                .as("the request that caused the change, to find it in the logs")
                .isEqualTo("history-create-" + sku);
    }

    @Test
    void isForAdminsOnly() {
        String id = asAdmin(
                        "POST",
                        "/v1/products",
                        Map.of(
                                "sku",
                                "H-"
                                        + UUID.randomUUID()
                                                .toString()
                                                .substring(0, 8)
                                                .toUpperCase(),
                                "category",
                                "books",
                                "names",
                                Map.of("en", "Private history"),
                                "price",
                                Map.of("amount", "1.00", "currency", "EUR"),
                                "inStock",
                                true))
                .json()
                .get("id")
                .asString();

        assertProblem(
                send("GET", "/v1/products/" + id + "/history", null, IDENTITY.bearer(CUSTOMER)), 403, "forbidden");
        assertProblem(http.get("/v1/products/" + id + "/history"), 401, "unauthorized");
        assertProblem(asAdmin("GET", "/v1/products/" + UUID.randomUUID() + "/history", null), 404, "not-found");
        assertProblem(asAdmin("GET", "/v1/products/not-a-uuid/history", null), 404, "not-found");
    }
}
