package dev.mercato.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the simulation picks from: every product id and category slug the target serves, read
 * once before the load starts (outside Gatling, so these calls are not in the report).
 */
record CatalogFixture(List<String> productIds, List<String> categorySlugs) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static CatalogFixture load(String baseUrl) {
        try (HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            List<String> slugs = new ArrayList<>();
            get(client, baseUrl + "/v1/categories")
                    .path("items")
                    .forEach(c -> slugs.add(c.path("slug").asText()));

            List<String> ids = new ArrayList<>();
            String cursor = null;
            do {
                String url = baseUrl + "/v1/products?limit=100";
                if (cursor != null) {
                    url += "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
                }
                JsonNode page = get(client, url);
                page.path("items").forEach(p -> ids.add(p.path("id").asText()));
                cursor = page.path("nextCursor").isTextual()
                        ? page.path("nextCursor").asText()
                        : null;
            } while (cursor != null);

            if (ids.isEmpty() || slugs.isEmpty()) {
                throw new IllegalStateException(baseUrl + " serves " + ids.size() + " products and " + slugs.size()
                        + " categories; is the catalog seeded?");
            }
            return new CatalogFixture(List.copyOf(ids), List.copyOf(slugs));
        }
    }

    private static JsonNode get(HttpClient client, String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json")
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + url + " answered " + response.statusCode());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + url, e);
        }
    }
}
