package dev.mercato.catalog.product;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.catalog.CatalogIntegrationTest;
import dev.mercato.testsupport.http.HttpJson;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@CatalogIntegrationTest
class HomeApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    HttpJson http;
    TestProducts products;

    @BeforeEach
    void setUp() {
        http = HttpJson.at("http://localhost:" + port);
        products = new TestProducts(jdbc);
    }

    @Test
    void servesTheCityLessDefaultsWithoutACityOrForAnUnknownOne() {
        for (String path : List.of("/v1/home", "/v1/home?city=atlantis")) {
            var response = http.get(path);

            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.header("Content-Language")).contains("en");
            assertThat(response.header("Vary").orElseThrow()).contains("Accept-Language");
            assertThat(response.header("Cache-Control").orElseThrow()).contains("max-age=30");
            assertThat(titles(response.json())).containsExactly("Spring sale", "New laptops");
            assertThat(skus(response.json())).containsExactly("MC-000001", "MC-000002", "MC-000003");
            JsonNode first = response.json().get("featured").get(0);
            for (String field : List.of("id", "name", "description", "category", "price", "imageUrl", "inStock")) {
                assertThat(first.has(field)).as(field).isTrue();
            }
        }
    }

    @Test
    void putsACitysOwnEntriesBeforeTheDefaults() {
        var response = http.get("/v1/home?city=milano");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("city").asString()).isEqualTo("milano");
        assertThat(titles(response.json())).containsExactly("Design week in Milano", "Spring sale", "New laptops");
        assertThat(skus(response.json()))
                .containsExactly("MC-000010", "MC-000034", "MC-000001", "MC-000002", "MC-000003");
        assertThat(skus(http.get("/v1/home?city=roma").json()))
                .startsWith("MC-000013")
                .doesNotContain("MC-000010");
    }

    @Test
    void rejectsACityThatIsNotASlug() {
        var response = http.get("/v1/home?city=Milano%20Centro");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type").orElseThrow()).contains("application/problem+json");
    }

    @Test
    void leavesOutProductsThatAreNotPublished() {
        UUID scheduled = products.insertUnpublished("TEST-HOME-SCHEDULED");
        jdbc.sql("insert into featured_product (city, product_id, position) values ('torino', :id, 1)")
                .param("id", scheduled)
                .update();
        try {
            var response = http.get("/v1/home?city=torino");

            assertThat(skus(response.json())).containsExactly("MC-000001", "MC-000002", "MC-000003");
        } finally {
            products.delete(scheduled);
        }
    }

    @Test
    void servesTheRequestedLanguage() {
        var response = http.get("/v1/home?city=roma", "Accept-Language", "it-IT,it;q=0.9");

        assertThat(response.header("Content-Language")).contains("it");
        assertThat(titles(response.json())).containsExactly("Caffè da Roma", "Saldi di primavera", "Nuovi portatili");
        assertThat(response.json().get("featured").get(0).get("name").asString())
                .startsWith("Caffè");
    }

    private static List<String> titles(JsonNode home) {
        List<String> titles = new ArrayList<>();
        home.get("banners").forEach(banner -> titles.add(banner.get("title").asString()));
        return titles;
    }

    private static List<String> skus(JsonNode home) {
        List<String> skus = new ArrayList<>();
        home.get("featured").forEach(product -> skus.add(product.get("sku").asString()));
        return skus;
    }
}
