package dev.mercato.catalog.category;

import static dev.mercato.testsupport.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.catalog.AdminApiTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class CategoryAdminApiIT extends AdminApiTest {

    @Test
    void createsACategoryListedLastInEveryLanguage() {
        String slug = newSlug();

        var created = asAdmin("POST", "/v1/categories", body(slug, "Garden tools", "Attrezzi da giardino"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode category = created.json();
        assertThat(created.header("ETag")).contains("\"1\"");
        assertThat(created.header("Location"))
                .contains("/v1/categories/" + category.get("id").asString());
        assertThat(category.get("names").get("it").asString()).isEqualTo("Attrezzi da giardino");
        JsonNode listed = listed(slug, "it");
        assertThat(listed.get("name").asString()).isEqualTo("Attrezzi da giardino");
        assertThat(listed.get("productCount").asLong()).isZero();
        assertThat(lastListedSlug()).isEqualTo(slug);
    }

    @Test
    void renamesACategoryAndItsProductsShowTheNewSlug() {
        String slug = newSlug();
        String id = create(slug).get("id").asString();
        String product = createProduct(slug);
        String productEtag = http.get("/v1/products/" + product).header("ETag").orElseThrow();
        String renamed = newSlug();

        var replaced = asAdmin("PUT", "/v1/categories/" + id, body(renamed, "Renamed", null), "If-Match", "\"1\"");

        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(replaced.header("ETag")).contains("\"2\"");
        assertThat(http.get("/v1/products/" + product).json().get("category").asString())
                .isEqualTo(renamed);
        assertThat(http.get("/v1/products/" + product, "If-None-Match", productEtag)
                        .status())
                .as("a client that cached the product sees the new slug")
                .isEqualTo(200);
        assertThat(http.get("/v1/products?category=" + renamed).json().get("items"))
                .hasSize(1);
        assertThat(http.get("/v1/products?category=" + slug).json().get("items"))
                .isEmpty();
    }

    @Test
    void deletesAnEmptyCategory() {
        String slug = newSlug();
        String id = create(slug).get("id").asString();

        var deleted = asAdmin("DELETE", "/v1/categories/" + id, null, "If-Match", "\"1\"");

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(slugs()).doesNotContain(slug);
        assertProblem(asAdmin("GET", "/v1/categories/" + id + "/admin", null), 404, "not-found");
    }

    @Test
    void refusesToDeleteACategoryThatStillHasProducts() {
        String slug = newSlug();
        String id = create(slug).get("id").asString();
        createProduct(slug);

        var refused = asAdmin("DELETE", "/v1/categories/" + id, null, "If-Match", "\"1\"");

        JsonNode problem = assertProblem(refused, 409, "conflict");
        assertThat(problem.get("detail").asString()).contains(slug).contains("1 product");
        assertThat(slugs()).contains(slug);
    }

    @Test
    void refusesToDeleteASeededCategoryFullOfProducts() {
        String books = categoryId("books");

        var refused = asAdmin("DELETE", "/v1/categories/" + books, null, "If-Match", "*");

        assertThat(assertProblem(refused, 409, "conflict").get("detail").asString())
                .contains("books");
    }

    @Test
    void requiresACurrentIfMatch() {
        String slug = newSlug();
        String id = create(slug).get("id").asString();
        assertThat(asAdmin("PUT", "/v1/categories/" + id, body(slug, "Changed", null), "If-Match", "\"1\"")
                        .status())
                .isEqualTo(200);

        assertProblem(asAdmin("PUT", "/v1/categories/" + id, body(slug, "x", null)), 428, "precondition-required");
        assertProblem(asAdmin("DELETE", "/v1/categories/" + id, null), 428, "precondition-required");
        assertProblem(
                asAdmin("PUT", "/v1/categories/" + id, body(slug, "Lost", null), "If-Match", "\"1\""),
                412,
                "precondition-failed");
        assertProblem(asAdmin("DELETE", "/v1/categories/" + id, null, "If-Match", "\"1\""), 412, "precondition-failed");
        var current = asAdmin("GET", "/v1/categories/" + id + "/admin", null);
        assertThat(current.header("ETag")).contains("\"2\"");
        assertThat(current.json().get("names").get("en").asString()).isEqualTo("Changed");
    }

    @Test
    void refusesADuplicateSlugWithAConflict() {
        String slug = newSlug();
        String other = create(newSlug()).get("id").asString();
        create(slug);

        assertProblem(asAdmin("POST", "/v1/categories", body(slug, "Again", null)), 409, "conflict");
        assertProblem(asAdmin("POST", "/v1/categories", body("books", "Books", null)), 409, "conflict");
        assertProblem(
                asAdmin("PUT", "/v1/categories/" + other, body(slug, "Same", null), "If-Match", "\"1\""),
                409,
                "conflict");
    }

    @ParameterizedTest(name = "slug {0} -> 400")
    @ValueSource(
            strings = {"", "Garden", "garden tools", "garden--tools", "-garden", "gärten", "a'; drop table category;--"
            })
    void rejectsSlugsThatAreNotLowerCaseWordsJoinedByHyphens(String slug) {
        var response = asAdmin("POST", "/v1/categories", body(slug, "Name", null));

        JsonNode problem = assertProblem(response, 400, "validation");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("slug");
    }

    @Test
    void namesEveryInvalidField() {
        var response = asAdmin(
                "POST",
                "/v1/categories",
                Map.of("slug", "x".repeat(65), "names", Map.of("it", "Solo"), "position", -1));

        JsonNode problem = assertProblem(response, 400, "validation");
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(error -> fields.add(error.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("slug", "names", "position");
    }

    @Test
    void refusesCallersWhoAreNotAdmins() {
        String id = categoryId("books");
        String[] customer = IDENTITY.bearer(CUSTOMER);

        assertProblem(send("POST", "/v1/categories", body(newSlug(), "N", null)), 401, "unauthorized");
        assertProblem(send("DELETE", "/v1/categories/" + id, null, "If-Match", "*"), 401, "unauthorized");
        assertProblem(send("GET", "/v1/categories/" + id + "/admin", null), 401, "unauthorized");
        assertProblem(send("POST", "/v1/categories", body(newSlug(), "N", null), customer), 403, "forbidden");
        assertProblem(
                send("PUT", "/v1/categories/" + id, body("books", "N", null), with(customer, "If-Match", "*")),
                403,
                "forbidden");
        assertProblem(send("DELETE", "/v1/categories/" + id, null, with(customer, "If-Match", "*")), 403, "forbidden");
        assertThat(slugs()).contains("books");
    }

    private static String newSlug() {
        return "c-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    }

    private static Map<String, Object> body(String slug, String english, String italian) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("en", english);
        if (italian != null) {
            names.put("it", italian);
        }
        return Map.of("slug", slug, "names", names);
    }

    private JsonNode create(String slug) {
        var response = asAdmin("POST", "/v1/categories", body(slug, "Category " + slug, null));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    private String createProduct(String slug) {
        String sku = "P-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        var response = asAdmin(
                "POST",
                "/v1/products",
                Map.of(
                        "sku",
                        sku,
                        "category",
                        slug,
                        "names",
                        Map.of("en", "Product " + sku),
                        "price",
                        Map.of("amount", "9.99", "currency", "EUR")));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    private List<JsonNode> categories(String language) {
        List<JsonNode> items = new ArrayList<>();
        http.get("/v1/categories", "Accept-Language", language)
                .json()
                .get("items")
                .forEach(items::add);
        return items;
    }

    private JsonNode listed(String slug, String language) {
        return categories(language).stream()
                .filter(c -> c.get("slug").asString().equals(slug))
                .findFirst()
                .orElseThrow(() -> new AssertionError("not listed: " + slug));
    }

    private String lastListedSlug() {
        return categories("en").getLast().get("slug").asString();
    }

    private List<String> slugs() {
        return categories("en").stream().map(c -> c.get("slug").asString()).toList();
    }

    private String categoryId(String slug) {
        return listed(slug, "en").get("id").asString();
    }
}
