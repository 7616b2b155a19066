package dev.mercato.catalog.product;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.catalog.CatalogIntegrationTest;
import dev.mercato.testsupport.http.HttpJson;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@CatalogIntegrationTest
class ProductApiIT {

    private static final int SEEDED = 5000;

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
    void listsTwentyProductsAndACursorByDefault() {
        var response = http.get("/v1/products");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("items")).hasSize(20);
        assertThat(body.get("nextCursor").asString()).isNotBlank();
        JsonNode first = body.get("items").get(0);
        assertThat(first.get("sku").asString()).isEqualTo("MC-000001");
        assertThat(first.get("price").get("amount").asString()).matches("\\d+\\.\\d{2}");
        assertThat(first.get("price").get("currency").asString()).isEqualTo("EUR");
        for (String field : List.of("id", "name", "description", "category", "imageUrl", "inStock")) {
            assertThat(first.has(field)).as(field).isTrue();
        }
    }

    @Test
    void pagesThroughEveryProductExactlyOnce() {
        List<String> ids = pageAll("/v1/products?limit=100");

        assertThat(ids).hasSize(SEEDED).doesNotHaveDuplicates();
    }

    @Test
    void neitherSkipsNorRepeatsWhenProductsAreAddedWhilePaging() {
        List<String> seen = new ArrayList<>();
        JsonNode page = http.get("/v1/products?limit=100").json();
        page.get("items").forEach(item -> seen.add(item.get("id").asString()));
        UUID added = products.insert("TEST-ADDED-1", "books", new BigDecimal("5.00"));
        try {
            String cursor = page.get("nextCursor").asString();
            seen.addAll(pageAll("/v1/products?limit=100", cursor));

            assertThat(seen).hasSize(SEEDED + 1).doesNotHaveDuplicates().contains(added.toString());
        } finally {
            products.delete(added);
        }
    }

    @Test
    void filtersByCategory() {
        List<JsonNode> items = pageAllItems("/v1/products?limit=100&category=laptops");

        assertThat(items)
                .isNotEmpty()
                .allSatisfy(item -> assertThat(item.get("category").asString()).isEqualTo("laptops"));
        int expected = jdbc.sql("select count(*) from product p join category c on c.id = p.category_id"
                        + " where c.slug = 'laptops'")
                .query(Integer.class)
                .single();
        assertThat(items).hasSize(expected);
    }

    @Test
    void filtersByPriceRangeInclusively() {
        List<JsonNode> items = pageAllItems("/v1/products?limit=100&minPrice=100&maxPrice=150.50");

        assertThat(items)
                .isNotEmpty()
                .allSatisfy(item -> assertThat(
                                new BigDecimal(item.get("price").get("amount").asString()))
                        .isBetween(new BigDecimal("100"), new BigDecimal("150.50")));
        int expected = jdbc.sql("select count(*) from product where price_amount between 100 and 150.50")
                .query(Integer.class)
                .single();
        assertThat(items).hasSize(expected);
    }

    @Test
    void searchesNamesInEveryLanguage() {
        List<JsonNode> english = pageAllItems("/v1/products?limit=100&q=" + encode("nordic laptop"));
        List<JsonNode> italian = pageAllItems("/v1/products?limit=100&q=portatile");

        assertThat(english)
                .isNotEmpty()
                .allSatisfy(item -> assertThat(item.get("name").asString())
                        .containsIgnoringCase("nordic")
                        .containsIgnoringCase("laptop"));
        assertThat(italian)
                .hasSize(pageAllItems("/v1/products?limit=100&category=laptops").size());
    }

    @Test
    void hidesProductsThatAreNotPublishedYet() {
        UUID scheduled = products.insertUnpublished("TEST-SCHEDULED-1");
        try {
            assertThat(http.get("/v1/products/" + scheduled).status()).isEqualTo(404);
            assertThat(pageAll("/v1/products?limit=100&category=books")).doesNotContain(scheduled.toString());
        } finally {
            products.delete(scheduled);
        }
    }

    @Test
    void servesTheRequestedLanguage() {
        var italian = http.get("/v1/products?limit=1", "Accept-Language", "it-IT,it;q=0.9,en;q=0.5");
        var english = http.get("/v1/products?limit=1", "Accept-Language", "de-DE");

        assertThat(italian.json().get("items").get(0).get("name").asString()).isEqualTo("Cuffie Pro 0001");
        assertThat(italian.header("Content-Language")).contains("it");
        assertThat(english.json().get("items").get(0).get("name").asString()).isEqualTo("Pro Headphones 0001");
        assertThat(english.header("Vary").orElse("")).contains("Accept-Language");
    }

    @Test
    void returnsOneProductWithCachingHeaders() {
        String id = http.get("/v1/products?limit=1")
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asString();

        var response = http.get("/v1/products/" + id);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("id").asString()).isEqualTo(id);
        assertThat(response.header("ETag")).isPresent();
        assertThat(response.header("Cache-Control").orElse("")).contains("max-age");

        var revalidated = http.get(
                "/v1/products/" + id, "If-None-Match", response.header("ETag").orElseThrow());
        assertThat(revalidated.status()).isEqualTo(304);
        assertThat(revalidated.raw()).isEmpty();
    }

    @ParameterizedTest(name = "GET /v1/products/{0} -> 404")
    @CsvSource({"00000000-0000-0000-0000-000000000000", "not-a-uuid", "..%2F..%2Fetc%2Fpasswd"})
    void answersUnknownProductsWithANotFoundProblem(String id) {
        var response = http.get("/v1/products/" + id);

        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.contentType())
                .as(response.headers().map().toString())
                .startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).endsWith("/not-found");
        assertThat(response.json().get("requestId").asString()).isNotBlank();
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource({
        "limit=0, limit",
        "limit=101, limit",
        "limit=abc, limit",
        "limit=-5, limit",
        "minPrice=-1, minPrice",
        "maxPrice=-0.01, maxPrice",
        "minPrice=ten, minPrice",
        "minPrice=10&maxPrice=5, minPrice",
        "cursor=bm9wZQ, cursor",
        "category=Laptops%27%20OR%201%3D1, category",
        "q=%C3%28, q",
        "q=%FF%FE, q",
        "q=a%00b, q"
    })
    void rejectsBadParametersWithAProblemNamingThem(String query, String parameter) {
        var response = http.get("/v1/products?" + query);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).endsWith("/validation");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(parameter);
        assertThat(problem.get("detail").asString()).contains(parameter);
    }

    @Test
    void refusesAHeaderValueTheFirewallRejectsWithAProblemNotA500() throws java.io.IOException {
        try (var socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream()
                    .write(("GET /v1/products HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAccept-Language: a"
                                    + (char) 0x80 + "b\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            String response =
                    new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

            assertThat(response).startsWith("HTTP/1.1 400");
            assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
        }
    }

    @Test
    void treatsInjectionInTheSearchAsPlainText() {
        var response = http.get("/v1/products?q=" + encode("'; drop table product; --"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from product").query(Integer.class).single())
                .isGreaterThanOrEqualTo(SEEDED);
    }

    private List<String> pageAll(String listing) {
        return pageAll(listing, null);
    }

    private List<String> pageAll(String listing, String startCursor) {
        return pageAllItems(listing, startCursor).stream()
                .map(item -> item.get("id").asString())
                .toList();
    }

    private List<JsonNode> pageAllItems(String listing) {
        return pageAllItems(listing, null);
    }

    /** Follows nextCursor from {@code startCursor} (or from the first page) until it is null. */
    private List<JsonNode> pageAllItems(String listing, String startCursor) {
        List<JsonNode> items = new ArrayList<>();
        Set<String> cursors = new HashSet<>();
        String path = startCursor == null ? listing : listing + "&cursor=" + startCursor;
        while (true) {
            var response = http.get(path);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            JsonNode body = response.json();
            body.get("items").forEach(items::add);
            JsonNode next = body.get("nextCursor");
            if (next.isNull()) {
                return items;
            }
            assertThat(cursors.add(next.asString())).as("cursor repeats").isTrue();
            path = listing + "&cursor=" + next.asString();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
