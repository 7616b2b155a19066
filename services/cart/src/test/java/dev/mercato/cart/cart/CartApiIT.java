package dev.mercato.cart.cart;

import static dev.mercato.testsupport.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.cart.CartIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

class CartApiIT extends CartIntegrationTest {

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    CartStore store;

    @Test
    void refusesRequestsWithoutAUserToken() {
        assertProblem(http.get("/v1/cart"), 401, "unauthorized");
        assertProblem(http.get("/v1/cart", "Authorization", "Bearer " + IDENTITY.rogueToken()), 401, "unauthorized");
        assertProblem(
                http.get("/v1/cart", "Authorization", "Bearer " + IDENTITY.serviceToken("ordering", "mercato")),
                401,
                "unauthorized");
    }

    @Test
    void anUnknownUserHasAnEmptyCart() {
        JsonNode cart = cart(shopper()).json();

        assertThat(cart.get("items")).isEmpty();
        assertThat(cart.get("total").get("amount").asString()).isEqualTo("0.00");
        assertThat(cart.get("total").get("currency").asString()).isEqualTo("EUR");
        assertThat(cart.get("version").asLong()).isZero();
    }

    @Test
    void addsProductsAndPricesThemFromCatalog() {
        var shopper = shopper();
        UUID mug = CATALOG.add("MUG-1", "Mug", 1250);
        UUID lamp = CATALOG.add("LAMP-1", "Lamp", 4999);

        assertThat(add(shopper, mug, 2).status()).isEqualTo(200);
        var response = add(shopper, lamp, 1);

        assertThat(response.status()).isEqualTo(200);
        JsonNode cart = response.json();
        assertThat(cart.get("items")).hasSize(2);
        JsonNode first = cart.get("items").get(0);
        assertThat(first.get("productId").asString()).isEqualTo(lamp.toString());
        assertThat(first.get("sku").asString()).isEqualTo("LAMP-1");
        assertThat(first.get("name").asString()).isEqualTo("Lamp");
        assertThat(first.get("quantity").asInt()).isEqualTo(1);
        assertThat(first.get("unitPrice").get("amount").asString()).isEqualTo("49.99");
        JsonNode second = cart.get("items").get(1);
        assertThat(second.get("quantity").asInt()).isEqualTo(2);
        assertThat(second.get("lineTotal").get("amount").asString()).isEqualTo("25.00");
        assertThat(second.get("lineTotal").get("currency").asString()).isEqualTo("EUR");
        assertThat(cart.get("total").get("amount").asString()).isEqualTo("74.99");
        assertThat(cart(shopper).json()).isEqualTo(cart);
    }

    @Test
    void addingAgainAddsToTheLineAndEveryChangeIncrementsTheVersion() {
        var shopper = shopper();
        UUID mug = CATALOG.add("MUG-2", "Mug", 100);

        long first = add(shopper, mug, 1).json().get("version").asLong();
        JsonNode second = add(shopper, mug, 3).json();
        JsonNode set = send(shopper, "PUT", "/v1/cart/items/" + mug, "{\"quantity\": 7}")
                .json();
        JsonNode removed =
                send(shopper, "DELETE", "/v1/cart/items/" + mug, null).json();

        assertThat(first).isPositive();
        assertThat(second.get("items").get(0).get("quantity").asInt()).isEqualTo(4);
        assertThat(second.get("version").asLong()).isEqualTo(first + 1);
        assertThat(set.get("items").get(0).get("quantity").asInt()).isEqualTo(7);
        assertThat(set.get("version").asLong()).isEqualTo(first + 2);
        assertThat(removed.get("items")).isEmpty();
        assertThat(removed.get("version").asLong()).isEqualTo(first + 3);
    }

    @Test
    void pricesAreReadFromCatalogEveryTime() {
        var shopper = shopper();
        UUID mug = CATALOG.add("MUG-3", "Mug", 1000);
        add(shopper, mug, 3);

        CATALOG.reprice(mug, 800);

        JsonNode cart = cart(shopper).json();
        assertThat(cart.get("items").get(0).get("unitPrice").get("amount").asString())
                .isEqualTo("8.00");
        assertThat(cart.get("total").get("amount").asString()).isEqualTo("24.00");
    }

    @Test
    void passesTheAcceptLanguageToCatalog() {
        var shopper = shopper();

        http.get("/v1/cart", shopper.bearer()[0], shopper.bearer()[1], "Accept-Language", "it-IT,it;q=0.9");
        add(shopper, CATALOG.add("MUG-4", "Tazza", 100), 1);

        http.get("/v1/cart", shopper.bearer()[0], shopper.bearer()[1], "Accept-Language", "it-IT,it;q=0.9");
        assertThat(CATALOG.lastLanguage()).isEqualTo("it-IT,it;q=0.9");
    }

    @Test
    void keepsProductsThatCannotBeBoughtAnyMoreOutOfTheTotal() {
        var shopper = shopper();
        UUID mug = CATALOG.add("MUG-5", "Mug", 1000);
        UUID lamp = CATALOG.add("LAMP-5", "Lamp", 500);
        add(shopper, mug, 1);
        add(shopper, lamp, 2);

        CATALOG.delete(lamp);

        JsonNode cart = cart(shopper).json();
        assertThat(cart.get("items")).hasSize(1);
        assertThat(cart.get("total").get("amount").asString()).isEqualTo("10.00");
        assertThat(cart.get("unavailable").get(0).get("productId").asString()).isEqualTo(lamp.toString());
        assertThat(cart.get("unavailable").get(0).get("quantity").asInt()).isEqualTo(2);
    }

    @Test
    void rejectsInvalidRequestsWithValidationProblems() {
        var shopper = shopper();
        UUID mug = CATALOG.add("MUG-6", "Mug", 100);

        for (String body : List.of(
                "{\"productId\": \"" + mug + "\", \"quantity\": 0}",
                "{\"productId\": \"" + mug + "\", \"quantity\": 100}",
                "{\"productId\": \"" + mug + "\"}",
                "{\"productId\": \"mug\", \"quantity\": 1}",
                "{\"quantity\": 1}")) {
            JsonNode problem = assertProblem(send(shopper, "POST", "/v1/cart/items", body), 400, "validation");
            assertThat(problem.get("errors")).as(body).isNotEmpty();
        }
        assertProblem(send(shopper, "POST", "/v1/cart/items", "{not json"), 400, "malformed-body");
        for (String quantity : List.of("1.5", "\"2\"", "[2]", "true")) {
            JsonNode problem = assertProblem(
                    send(
                            shopper,
                            "POST",
                            "/v1/cart/items",
                            "{\"productId\": \"" + mug + "\", \"quantity\": " + quantity + "}"),
                    400,
                    "malformed-body");
            assertThat(problem.get("errors").get(0).get("field").asString())
                    .as(quantity)
                    .isEqualTo("quantity");
        }
        assertProblem(send(shopper, "PUT", "/v1/cart/items/" + mug, "{\"quantity\": -1}"), 400, "validation");
        assertProblem(send(shopper, "PUT", "/v1/cart/items/not-a-uuid", "{\"quantity\": 1}"), 400, "validation");
        assertThat(cart(shopper).json().get("version").asLong()).isZero();
    }

    @Test
    void refusesProductsThatCannotBeBought() {
        var shopper = shopper();
        UUID scheduled = CATALOG.put(UUID.randomUUID(), "LATER-7", "Later", 100, "EUR", false);
        UUID dollars = CATALOG.put(UUID.randomUUID(), "USD-7", "Dollars", 100, "USD", true);

        assertProblem(add(shopper, UUID.randomUUID(), 1), 422, "product-unavailable");
        assertProblem(add(shopper, scheduled, 1), 422, "product-unavailable");
        assertThat(assertProblem(add(shopper, dollars, 1), 422, "product-unavailable")
                        .get("detail")
                        .asString())
                .contains("EUR");
        assertThat(cart(shopper).json().get("items")).isEmpty();
    }

    @Test
    void enforcesTheCartLimits() {
        var shopper = shopper();
        UUID mug = CATALOG.add("MUG-8", "Mug", 100);
        add(shopper, mug, 98);

        assertProblem(add(shopper, mug, 2), 409, "conflict");
        assertThat(add(shopper, mug, 1).status()).isEqualTo(200);

        for (int i = 1; i < CartLimits.MAX_LINES; i++) {
            assertThat(add(shopper, CATALOG.add("LINE-8-" + i, "Line", 1), 1).status())
                    .isEqualTo(200);
        }
        assertProblem(add(shopper, CATALOG.add("LINE-8-FULL", "Line", 1), 1), 409, "conflict");
        assertThat(cart(shopper).json().get("items")).hasSize(CartLimits.MAX_LINES);
    }

    @Test
    void setsAndRemovesLinesAndEmptiesTheCart() {
        var shopper = shopper();
        UUID mug = CATALOG.add("MUG-9", "Mug", 100);
        UUID lamp = CATALOG.add("LAMP-9", "Lamp", 100);
        add(shopper, mug, 1);
        add(shopper, lamp, 1);

        assertThat(send(shopper, "PUT", "/v1/cart/items/" + mug, "{\"quantity\": 0}")
                        .json()
                        .get("items"))
                .hasSize(1);
        assertProblem(send(shopper, "PUT", "/v1/cart/items/" + mug, "{\"quantity\": 2}"), 404, "not-found");
        assertThat(send(shopper, "DELETE", "/v1/cart/items/" + mug, null).status())
                .as("removing what is not there is no error")
                .isEqualTo(200);
        long before = cart(shopper).json().get("version").asLong();

        assertThat(send(shopper, "DELETE", "/v1/cart", null).status()).isEqualTo(204);

        JsonNode cart = cart(shopper).json();
        assertThat(cart.get("items")).isEmpty();
        assertThat(cart.get("version").asLong()).isEqualTo(before + 1);
    }

    @Test
    void eachUserHasTheirOwnCart() {
        var alice = shopper();
        var bob = shopper();
        add(alice, CATALOG.add("MUG-10", "Mug", 100), 1);

        assertThat(cart(bob).json().get("items")).isEmpty();
        assertThat(cart(alice).json().get("items")).hasSize(1);
    }

    @Test
    void everyWriteRenewsTheExpiry() {
        var shopper = shopper();
        add(shopper, CATALOG.add("MUG-11", "Mug", 100), 1);

        Long ttl = redis.getExpire(store.key(new UserId(shopper.id())));

        assertThat(Duration.ofSeconds(ttl)).isBetween(Duration.ofDays(30).minusMinutes(1), Duration.ofDays(30));
    }

    @Test
    void concurrentAddsFromTwoTabsLoseNoUpdate() throws Exception {
        var shopper = shopper();
        UUID mug = CATALOG.add("MUG-12", "Mug", 100);
        UUID lamp = CATALOG.add("LAMP-12", "Lamp", 100);
        long before = add(shopper, mug, 1).json().get("version").asLong();
        int adds = 40;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < adds; i++) {
            UUID product = i % 2 == 0 ? mug : lamp;
            calls.add(() -> {
                start.await();
                return add(shopper, product, 1).status();
            });
        }

        List<Future<Integer>> results;
        try (ExecutorService tabs = Executors.newFixedThreadPool(8)) {
            results = calls.stream().map(tabs::submit).toList();
            start.countDown();
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(200);
            }
        }

        JsonNode cart = cart(shopper).json();
        assertThat(cart.get("items").valueStream().map(item -> item.get("sku").asString()))
                .containsExactly("LAMP-12", "MUG-12");
        assertThat(cart.get("items").get(0).get("quantity").asInt()).isEqualTo(adds / 2);
        assertThat(cart.get("items").get(1).get("quantity").asInt()).isEqualTo(1 + adds / 2);
        assertThat(cart.get("version").asLong()).isEqualTo(before + adds);
    }

    @Test
    void answers503WhenCatalogCannotPriceTheCart() {
        var shopper = shopper();
        UUID mug = CATALOG.add("MUG-13", "Mug", 100);
        add(shopper, mug, 1);

        CATALOG.down(true);

        var response = cart(shopper);
        assertProblem(response, 503, "unavailable");
        assertThat(response.header("Retry-After")).isPresent();
        assertProblem(add(shopper, mug, 1), 503, "unavailable");
    }
}
