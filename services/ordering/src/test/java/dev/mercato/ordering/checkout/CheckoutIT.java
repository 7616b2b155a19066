package dev.mercato.ordering.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercato.contracts.inventory.v1.ReservationState;
import dev.mercato.ordering.OrderingIntegrationTest;
import dev.mercato.ordering.saga.SagaCapacity;
import dev.mercato.testsupport.http.HttpJson;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class CheckoutIT extends OrderingIntegrationTest {

    @Autowired
    SagaCapacity capacity;

    @Autowired
    MeterRegistry meters;

    @Autowired
    DataSource dataSource;

    @Test
    void acceptsACheckoutAndConfirmsTheOrderThroughTheSaga() {
        String sku = newSku();
        UUID user = shopper(sku, 2, 5);

        HttpJson.Response response = checkout(user, "key-1", checkoutBody("tok_ok"));

        assertThat(response.status()).isEqualTo(202);
        UUID order = orderId(response);
        assertThat(response.json().get("status").asString()).isEqualTo("PENDING");
        assertThat(response.json().get("statusUrl").asString()).isEqualTo("/v1/orders/" + order);
        assertThat(response.header("Location")).contains("/v1/orders/" + order);
        assertThat(response.header("Idempotent-Replayed")).isEmpty();

        assertThat(awaitFinal(order)).isEqualTo("CONFIRMED");
        assertThat(events(order)).containsExactly("order.created", "order.confirmed");
        assertThat(DOWNSTREAM.inventory.state(order.toString()))
                .isEqualTo(ReservationState.RESERVATION_STATE_COMMITTED);
        assertThat(DOWNSTREAM.inventory.available(sku)).isEqualTo(3);
        assertThat(DOWNSTREAM.payment.effects("authorize", order)).isEqualTo(1);
        assertThat(DOWNSTREAM.payment.effects("capture", order)).isEqualTo(1);
        assertThat(DOWNSTREAM.lastCaller("payment")).isEqualTo("service:ordering");
        assertThat(jdbc.sql("select payment_token from saga where order_id = ?")
                        .param(order)
                        .query(String.class)
                        .optional())
                .as("the raw payment token is erased once authorization is settled")
                .isEmpty();
        JsonNode created = jdbc.sql("""
                        select payload::text from messaging.outbox_message
                        where aggregate_id = ? and type = 'order.created'""")
                .param(order.toString())
                .query((rs, n) -> new tools.jackson.databind.ObjectMapper().readTree(rs.getString(1)))
                .single();
        assertThat(created.get("userId").asString()).isEqualTo(user.toString());
        assertThat(created.get("cartVersion").asLong()).isEqualTo(1);
        assertThat(created.get("total").get("amount").asString()).isEqualTo("51.98");
        assertThat(created.get("lines").get(0).get("sku").asString()).isEqualTo(sku);
        assertThat(created.get("createdAt").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
    }

    @Test
    void replaysTheFirstResponseForTheSameKeyAndBody() {
        UUID user = shopper(newSku(), 1, 5);
        HttpJson.Response first = checkout(user, "key-replay", checkoutBody("tok_ok"));

        // the same body, differently formatted
        HttpJson.Response again =
                checkout(user, "key-replay", checkoutBody("tok_ok").replace("\n", " "));

        assertThat(again.status()).isEqualTo(202);
        assertThat(again.text()).isEqualTo(first.text());
        assertThat(again.header("Idempotent-Replayed")).contains("true");
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(orders(user)).isEqualTo(1);
    }

    @Test
    void rejectsTheSameKeyWithAnotherBody() {
        UUID user = shopper(newSku(), 1, 5);
        checkout(user, "key-reused", checkoutBody("tok_ok"));

        HttpJson.Response other = checkout(user, "key-reused", checkoutBody("tok_other"));

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().get("type").asString()).endsWith("/idempotency-key-reused");
        assertThat(orders(user)).isEqualTo(1);
    }

    @Test
    void keysBelongToTheirUser() {
        String sku = newSku();
        UUID ada = shopper(sku, 1, 5);
        UUID bob = UUID.randomUUID();
        DOWNSTREAM.cart.add(bob, sku, 1, 2599);

        assertThat(checkout(ada, "shared-key", checkoutBody("tok_ok")).status()).isEqualTo(202);
        HttpJson.Response forBob = checkout(bob, "shared-key", checkoutBody("tok_ok"));

        assertThat(forBob.status()).isEqualTo(202);
        assertThat(forBob.header("Idempotent-Replayed")).isEmpty();
    }

    @Test
    void fiftyConcurrentRequestsWithOneKeyMakeOneOrderAndOneCharge() throws Exception {
        UUID user = shopper(newSku(), 1, 100);
        int n = 50;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpJson.Response>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return checkout(user, "double-click", checkoutBody("tok_ok"));
                }));
            }
            start.countDown();
            List<HttpJson.Response> responses = new ArrayList<>();
            for (Future<HttpJson.Response> f : futures) {
                responses.add(f.get());
            }

            assertThat(responses).extracting(HttpJson.Response::status).containsOnly(202);
            assertThat(responses)
                    .extracting(HttpJson.Response::text)
                    .containsOnly(responses.getFirst().text());
            assertThat(responses.stream()
                            .filter(r -> r.header("Idempotent-Replayed").isEmpty()))
                    .hasSize(1);
            UUID order = orderId(responses.getFirst());
            assertThat(orders(user)).isEqualTo(1);
            assertThat(awaitFinal(order)).isEqualTo("CONFIRMED");
            assertThat(DOWNSTREAM.payment.effects("authorize", order)).isEqualTo(1);
            assertThat(DOWNSTREAM.payment.effects("capture", order)).isEqualTo(1);
            assertThat(events(order)).containsExactly("order.created", "order.confirmed");
        }
    }

    @Test
    void refusesACheckoutWhoseSlotWasTakenWhileItReadTheCartAndRollsItsKeyBack() throws Exception {
        UUID user = shopper(newSku(), 1, 5);
        List<SagaCapacity.Slot> taken = new ArrayList<>();
        HttpJson.Response refused;
        try {
            for (var slot = capacity.tryTake(); slot.isPresent(); slot = capacity.tryTake()) {
                taken.add(slot.get());
            }
            taken.removeLast().giveBack();
            // one slot free when the checkout is admitted; taken by someone else while it reads the cart
            DOWNSTREAM.cart.faults.delay("GetCart", 1_000);
            Future<HttpJson.Response> pending;
            try (ExecutorService client = Executors.newVirtualThreadPerTaskExecutor()) {
                pending = client.submit(() -> checkout(user, "key-late-slot", checkoutBody("tok_ok")));
                await().atMost(java.time.Duration.ofSeconds(5))
                        .until(() -> DOWNSTREAM.cart.faults.calls("GetCart") > 0);
                taken.add(capacity.tryTake().orElseThrow());
                refused = pending.get();
            }
        } finally {
            taken.forEach(SagaCapacity.Slot::giveBack);
            DOWNSTREAM.cart.faults.reset();
        }
        HttpJson.Response retried = checkout(user, "key-late-slot", checkoutBody("tok_ok"));

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).contains("1");
        assertThat(retried.status())
                .as("the key was rolled back with the order")
                .isEqualTo(202);
        assertThat(retried.header("Idempotent-Replayed")).isEmpty();
        assertThat(orders(user)).isEqualTo(1);
        assertThat(awaitFinal(orderId(retried))).isEqualTo("CONFIRMED");
    }

    @Test
    void answersInProgressWhileTheFirstRequestHoldsTheKey() throws Exception {
        UUID user = shopper(newSku(), 1, 5);
        try (Connection first = dataSource.getConnection()) {
            first.setAutoCommit(false);
            try (var insert = first.prepareStatement("""
                    insert into idempotency_key (user_id, key, request_hash, response_status, response_body,
                                                 content_type)
                    values (?, 'slow-key', 'h', 202, '{}', 'application/json')""")) {
                insert.setObject(1, user);
                insert.executeUpdate();
            }

            HttpJson.Response second = checkout(user, "slow-key", checkoutBody("tok_ok"));

            assertThat(second.status()).isEqualTo(409);
            assertThat(second.json().get("type").asString()).endsWith("/idempotency-request-in-progress");
            first.rollback();
        }
        assertThat(orders(user)).isZero();
    }

    @Test
    void storesAnEmptyCartAnswerUnderItsKey() {
        UUID user = UUID.randomUUID();

        HttpJson.Response empty = checkout(user, "key-empty", checkoutBody("tok_ok"));
        DOWNSTREAM.cart.add(user, newSku(), 1, 100);
        HttpJson.Response again = checkout(user, "key-empty", checkoutBody("tok_ok"));

        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.contentType()).contains("application/problem+json");
        assertThat(empty.json().get("type").asString()).endsWith("/cart-empty");
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.header("Idempotent-Replayed")).contains("true");
        assertThat(orders(user)).isZero();
    }

    @Test
    void refusesACheckoutWhenNoSagaCanRunAndStoresNothingSoARetrySucceeds() {
        UUID user = shopper(newSku(), 1, 5);
        List<SagaCapacity.Slot> taken = new ArrayList<>();
        HttpJson.Response busy;
        try {
            for (var slot = capacity.tryTake(); slot.isPresent(); slot = capacity.tryTake()) {
                taken.add(slot.get());
            }
            busy = checkout(user, "key-busy", checkoutBody("tok_ok"));
        } finally {
            taken.forEach(SagaCapacity.Slot::giveBack);
        }
        int ordersAfterRefusal = jdbc.sql("select count(*) from orders where user_id = ?")
                .param(user)
                .query(Integer.class)
                .single();
        HttpJson.Response retried = checkout(user, "key-busy", checkoutBody("tok_ok"));

        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.header("Retry-After")).contains("1");
        assertThat(busy.json().get("type").asString()).endsWith("/busy");
        assertThat(ordersAfterRefusal).isZero();
        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.header("Idempotent-Replayed")).isEmpty();
        assertThat(awaitFinal(orderId(retried))).isEqualTo("CONFIRMED");
        assertThat(meters.counter("ordering.checkouts", "outcome", "refused_busy")
                        .count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void doesNotStoreAnUnavailableCartSoARetrySucceeds() {
        UUID user = shopper(newSku(), 1, 5);
        DOWNSTREAM.cart.faults.failNext("GetCart", Status.Code.UNAVAILABLE, 1);

        HttpJson.Response down = checkout(user, "key-retry", checkoutBody("tok_ok"));
        HttpJson.Response retried = checkout(user, "key-retry", checkoutBody("tok_ok"));

        assertThat(down.status()).isEqualTo(503);
        assertThat(down.json().get("type").asString()).endsWith("/unavailable");
        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.header("Idempotent-Replayed")).isEmpty();
    }

    @Test
    void rejectsBadInputWithProblems() {
        UUID user = shopper(newSku(), 1, 5);
        String[] auth = bearer(user);
        byte[] body = checkoutBody("tok_ok").getBytes(StandardCharsets.UTF_8);

        HttpJson.Response noKey = http.send("POST", "/v1/checkout", "application/json", body, auth[0], auth[1]);
        HttpJson.Response longKey = checkout(user, "k".repeat(256), checkoutBody("tok_ok"));
        HttpJson.Response badCountry =
                checkout(user, "key-bad", checkoutBody("tok_ok").replace("\"IT\"", "\"Italy\""));
        HttpJson.Response malformed = checkout(user, "key-malformed", "{not json");
        HttpJson.Response anonymous =
                http.send("POST", "/v1/checkout", "application/json", body, "Idempotency-Key", "key-anon");

        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.json().get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
        assertThat(longKey.status()).isEqualTo(400);
        assertThat(badCountry.status()).isEqualTo(400);
        assertThat(badCountry.json().get("errors").get(0).get("field").asString())
                .isEqualTo("shippingAddress.country");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(orders(user)).isZero();
    }

    private int orders(UUID user) {
        return jdbc.sql("select count(*) from orders where user_id = ?")
                .param(user)
                .query(Integer.class)
                .single();
    }
}
