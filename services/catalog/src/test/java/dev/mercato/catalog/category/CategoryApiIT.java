package dev.mercato.catalog.category;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.catalog.CatalogIntegrationTest;
import dev.mercato.testsupport.http.HttpJson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@CatalogIntegrationTest
class CategoryApiIT {

    @LocalServerPort
    int port;

    @Test
    void listsEveryCategoryWithItsProductCount() {
        var response = HttpJson.at("http://localhost:" + port).get("/v1/categories");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("nextCursor").isNull()).isTrue();
        List<JsonNode> items = new ArrayList<>();
        body.get("items").forEach(items::add);
        assertThat(items).hasSizeGreaterThanOrEqualTo(20);
        assertThat(items.stream().mapToLong(c -> c.get("productCount").asLong()).sum())
                .isEqualTo(5000);
        assertThat(items.getFirst().get("slug").asString()).isEqualTo("headphones");
        assertThat(items.getFirst().get("name").asString()).isEqualTo("Headphones");
    }

    @Test
    void translatesCategoryNames() {
        var response = HttpJson.at("http://localhost:" + port).get("/v1/categories", "Accept-Language", "it");

        assertThat(response.json().get("items").get(0).get("name").asString()).isEqualTo("Cuffie");
    }
}
