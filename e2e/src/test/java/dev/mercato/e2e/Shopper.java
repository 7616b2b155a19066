package dev.mercato.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.testsupport.http.HttpJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

/** A customer driving the public API through the gateway: registers, fills a cart, checks out, follows orders. */
final class Shopper {

    static final String PASSWORD = "e2e customer passphrase";
    static final String ADDRESS = """
            {"name":"E2E Shopper","line1":"Via Roma 1","city":"Milano","postalCode":"20121","country":"IT"}""";

    private static final int RETRIES = 10;
    private static final Set<Integer> RETRYABLE = Set.of(503, 504);
    private static final Set<Integer> RETRYABLE_CHECKOUT = Set.of(409, 503, 504);
    /**
     * How long a client keeps retrying a checkout: ordering refuses checkouts (503, Retry-After) while every saga slot
     * of the instance is busy, which a burst of a few hundred checkouts on a slow machine can keep up for seconds.
     */
    private static final Duration CHECKOUT_RETRY_WINDOW = Duration.ofSeconds(60);

    private final HttpJson gateway;
    private final String token;

    private Shopper(HttpJson gateway, String token) {
        this.gateway = gateway;
        this.token = token;
    }

    static Shopper register(HttpJson gateway) {
        return register(gateway, "e2e-" + UUID.randomUUID() + "@example.com", "en");
    }

    /** A customer whose mails go to {@code email}, written in {@code locale}. */
    static Shopper register(HttpJson gateway, String email, String locale) {
        HttpJson.Response registered = post(
                gateway,
                "/v1/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"name\":\"S\",\"locale\":\"" + locale
                        + "\"}");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return new Shopper(gateway, login(gateway, email, PASSWORD));
    }

    static String login(HttpJson gateway, String email, String password) {
        HttpJson.Response response =
                post(gateway, "/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("accessToken").asString();
    }

    /**
     * Adds to the cart as a careful client does: a 503 or 504 (a cold or overloaded platform) leaves it unknown
     * whether the add happened, so the cart is read before trying again.
     */
    void add(String productId, int quantity) throws InterruptedException {
        int before = quantityOf(productId);
        for (int attempt = 1; ; attempt++) {
            HttpJson.Response added = addOnce(productId, quantity);
            if (added.status() / 100 == 2) {
                return;
            }
            assertThat(attempt <= RETRIES && RETRYABLE.contains(added.status()))
                    .as(added.toString())
                    .isTrue();
            Thread.sleep(200L * attempt);
            if (quantityOf(productId) == before + quantity) {
                return; // the unanswered add did land
            }
        }
    }

    /** One add-to-cart request, answer as it comes. */
    HttpJson.Response addOnce(String productId, int quantity) {
        return send("POST", "/v1/cart/items", "{\"productId\":\"" + productId + "\",\"quantity\":" + quantity + "}");
    }

    private int quantityOf(String productId) throws InterruptedException {
        for (JsonNode item : cartRetrying().get("items")) {
            if (item.get("productId").asString().equals(productId)) {
                return item.get("quantity").asInt();
            }
        }
        return 0;
    }

    private JsonNode cartRetrying() throws InterruptedException {
        HttpJson.Response cart = get("/v1/cart");
        for (int attempt = 1; RETRYABLE.contains(cart.status()) && attempt <= RETRIES; attempt++) {
            Thread.sleep(200L * attempt);
            cart = get("/v1/cart");
        }
        assertThat(cart.status()).as(cart.toString()).isEqualTo(200);
        return cart.json();
    }

    JsonNode cart() {
        HttpJson.Response cart = gateway.get("/v1/cart", "Authorization", "Bearer " + token);
        assertThat(cart.status()).as(cart.toString()).isEqualTo(200);
        return cart.json();
    }

    HttpJson.Response checkout(String idempotencyKey, String paymentToken) {
        return gateway.send(
                "POST",
                "/v1/checkout",
                "application/json",
                ("{\"shippingAddress\":" + ADDRESS + ",\"paymentToken\":\"" + paymentToken + "\"}")
                        .getBytes(StandardCharsets.UTF_8),
                "Authorization",
                "Bearer " + token,
                "Idempotency-Key",
                idempotencyKey);
    }

    /**
     * Checks out as a careful client does under load: a 503 (shed), a 504 (no answer in time) or a 409 (the unanswered
     * first attempt is still being processed) is retried after a pause with the same key, which the key makes safe.
     * Returns the accepted order's id.
     */
    String checkoutRetrying(String paymentToken) throws InterruptedException {
        HttpJson.Response answer = checkoutRetrying(UUID.randomUUID().toString(), paymentToken);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
        return answer.json().get("orderId").asString();
    }

    /**
     * The same with a given key; returns the first answer that is not 409, 503 or 504 (or the last one within the
     * retry window). Waits as {@code Retry-After} says, else 200 ms more each time (at most 2 s), as a client should.
     */
    HttpJson.Response checkoutRetrying(String idempotencyKey, String paymentToken) throws InterruptedException {
        long giveUpAt = System.nanoTime() + CHECKOUT_RETRY_WINDOW.toNanos();
        HttpJson.Response answer = checkout(idempotencyKey, paymentToken);
        for (int retry = 1; RETRYABLE_CHECKOUT.contains(answer.status()) && System.nanoTime() < giveUpAt; retry++) {
            long backoff = Math.min(200L * retry, 2_000L);
            long asked = answer.header("Retry-After")
                    .filter(value -> value.matches("\\d{1,3}"))
                    .map(value -> Long.parseLong(value) * 1_000L)
                    .orElse(0L);
            Thread.sleep(Math.max(backoff, asked));
            answer = checkout(idempotencyKey, paymentToken);
        }
        return answer;
    }

    /** Checks out with a fresh key and returns the accepted order's id. */
    String checkout(String paymentToken) {
        HttpJson.Response accepted = checkout(UUID.randomUUID().toString(), paymentToken);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        return accepted.json().get("orderId").asString();
    }

    /** The access token, for clients that connect on their own (event streams, WebSockets). */
    String token() {
        return token;
    }

    HttpJson.Response get(String path) {
        return gateway.get(path, "Authorization", "Bearer " + token);
    }

    JsonNode order(String orderId) {
        HttpJson.Response order = gateway.get("/v1/orders/" + orderId, "Authorization", "Bearer " + token);
        assertThat(order.status()).as(order.toString()).isEqualTo(200);
        return order.json();
    }

    /**
     * Follows the order until it is CONFIRMED or CANCELLED, as a client polling its status URL does: an answer other
     * than 200 (a 503 while ordering restarts) is read as "not yet".
     */
    JsonNode awaitTerminal(String orderId, Duration within) {
        return Awaitility.await("order " + orderId + " terminal")
                .atMost(within)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> get("/v1/orders/" + orderId),
                        order -> order.status() == 200
                                && Set.of("CONFIRMED", "CANCELLED")
                                        .contains(order.json().get("status").asString()))
                .json();
    }

    /** Follows the order until it shows {@code status} (a 503 while ordering restarts is "not yet"). */
    JsonNode awaitStatus(String orderId, String status, Duration within) {
        return Awaitility.await("order " + orderId + " " + status)
                .atMost(within)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> get("/v1/orders/" + orderId),
                        order -> order.status() == 200
                                && order.json().get("status").asString().equals(status))
                .json();
    }

    void awaitEmptyCart() {
        Awaitility.await("cart emptied after checkout")
                .atMost(Duration.ofSeconds(15))
                .until(() -> cart().get("items").isEmpty());
    }

    HttpJson.Response send(String method, String path, String json) {
        return gateway.send(
                method,
                path,
                "application/json",
                json.getBytes(StandardCharsets.UTF_8),
                "Authorization",
                "Bearer " + token);
    }

    private static HttpJson.Response post(HttpJson gateway, String path, String json) {
        return gateway.send("POST", path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }
}
