package dev.mercato.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.testsupport.http.HttpJson;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/** The platform's administrator: reads and sets stock, finds products to sell. */
final class Operator {

    private final HttpJson gateway;
    private final String token;

    Operator(HttpJson gateway) {
        this.gateway = gateway;
        this.token = Shopper.login(gateway, Platform.ADMIN_EMAIL, Platform.ADMIN_PASSWORD);
    }

    JsonNode stock(String sku) {
        HttpJson.Response stock = gateway.get("/v1/inventory/" + sku, "Authorization", "Bearer " + token);
        assertThat(stock.status()).as(stock.toString()).isEqualTo(200);
        return stock.json();
    }

    void setOnHand(String sku, int onHand) {
        HttpJson.Response set = gateway.send(
                "PUT",
                "/v1/inventory/" + sku,
                "application/json",
                ("{\"onHand\":" + onHand + "}").getBytes(StandardCharsets.UTF_8),
                "Authorization",
                "Bearer " + token);
        assertThat(set.status()).as(set.toString()).isBetween(200, 299);
    }

    /** A published product at position {@code index} of the catalog's first page, as {@code {id, sku, ...}}. */
    JsonNode product(int index) {
        HttpJson.Response page = gateway.get("/v1/products?limit=100");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return page.json().get("items").get(index);
    }
}
