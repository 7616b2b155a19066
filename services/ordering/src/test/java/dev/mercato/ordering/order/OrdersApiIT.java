package dev.mercato.ordering.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.mercato.contracts.inventory.v1.ReservationState;
import dev.mercato.contracts.payment.v1.PaymentState;
import dev.mercato.ordering.OrderingIntegrationTest;
import dev.mercato.ordering.domain.OrderId;
import dev.mercato.ordering.domain.UserId;
import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.postgres.OneConnectionAtATime;
import io.grpc.Status;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class OrdersApiIT extends OrderingIntegrationTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    OrderReadsConfiguration.OrderReadsPool readsPool;

    @Test
    void showsTheOrderToItsCustomerAndAdminsOnly() {
        String sku = newSku();
        UUID user = shopper(sku, 2, 5);
        UUID order = orderId(checkout(user, "k", checkoutBody("tok_ok")));
        awaitFinal(order);

        HttpJson.Response mine = http.get("/v1/orders/" + order, bearer(user));
        HttpJson.Response someoneElse = http.get("/v1/orders/" + order, bearer(UUID.randomUUID()));
        HttpJson.Response admin = http.get("/v1/orders/" + order, bearer(UUID.randomUUID(), "admin"));
        HttpJson.Response malformed = http.get("/v1/orders/not-a-uuid", bearer(user));
        HttpJson.Response anonymous = http.get("/v1/orders/" + order);

        assertThat(mine.status()).isEqualTo(200);
        JsonNode body = mine.json();
        assertThat(body.get("id").asString()).isEqualTo(order.toString());
        assertThat(body.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(body.get("stage").asString()).isEqualTo("COMPLETED");
        assertThat(body.get("total").get("amount").asString()).isEqualTo("51.98");
        assertThat(body.get("total").get("currency").asString()).isEqualTo("EUR");
        assertThat(body.get("items").get(0).get("sku").asString()).isEqualTo(sku);
        assertThat(body.get("items").get(0).get("quantity").asInt()).isEqualTo(2);
        assertThat(body.get("items").get(0).get("unitPrice").get("amount").asString())
                .isEqualTo("25.99");
        assertThat(body.get("shippingAddress").get("country").asString()).isEqualTo("IT");
        assertThat(body.has("createdAt")).isTrue();
        assertThat(body.has("updatedAt")).isTrue();
        assertThat(body.has("cancellationReason")).isFalse();
        assertThat(someoneElse.status()).isEqualTo(404);
        assertThat(someoneElse.contentType()).contains("application/problem+json");
        assertThat(admin.status()).isEqualTo(200);
        assertThat(malformed.status()).isEqualTo(404);
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void listsTheCustomersOrdersNewestFirstPageByPage() {
        String sku = newSku();
        UUID user = shopper(sku, 1, 10);
        List<UUID> placed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            placed.add(orderId(checkout(user, "key-" + i, checkoutBody("tok_ok"))));
        }
        UUID other = UUID.randomUUID();
        DOWNSTREAM.cart.add(other, sku, 1, 100);
        checkout(other, "key-other", checkoutBody("tok_ok"));

        HttpJson.Response first = http.get("/v1/orders?limit=2", bearer(user));
        String cursor = first.json().get("nextCursor").asString();
        HttpJson.Response second = http.get("/v1/orders?limit=2&cursor=" + cursor, bearer(user));

        assertThat(ids(first)).containsExactly(placed.get(2), placed.get(1));
        assertThat(ids(second)).containsExactly(placed.get(0));
        assertThat(second.json().get("nextCursor").isNull()).isTrue();
        assertThat(ids(http.get("/v1/orders", bearer(UUID.randomUUID())))).isEmpty();
        assertThat(http.get("/v1/orders?limit=0", bearer(user)).status()).isEqualTo(400);
        assertThat(http.get("/v1/orders?limit=101", bearer(user)).status()).isEqualTo(400);
        assertThat(http.get("/v1/orders?cursor=bogus", bearer(user)).status()).isEqualTo(400);
    }

    @Test
    void cancelsAPendingOrderByCompensating() {
        String sku = newSku();
        UUID user = shopper(sku, 1, 5);
        DOWNSTREAM.payment.faults.failNext("Authorize", Status.Code.UNAVAILABLE, 1000);
        UUID order = orderId(checkout(user, "k", checkoutBody("tok_ok")));
        await().atMost(Duration.ofSeconds(10)).until(() -> DOWNSTREAM.payment.faults.calls("Authorize") >= 1);

        HttpJson.Response cancel = cancel(user, order);
        HttpJson.Response again = cancel(user, order);

        assertThat(cancel.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(awaitFinal(order)).isEqualTo("CANCELLED");
        assertThat(http.get("/v1/orders/" + order, bearer(user))
                        .json()
                        .get("cancellationReason")
                        .asString())
                .isEqualTo("cancelled_by_customer");
        assertThat(DOWNSTREAM.inventory.available(sku)).isEqualTo(5);
        assertThat(DOWNSTREAM.payment.effects("authorize", order)).isZero();
        assertThat(cancel(user, order).status()).as("idempotent once cancelled").isEqualTo(202);
    }

    @Test
    void cancelsWhileAStepIsInFlightAndCompensatesWhatTheStepDid() {
        String sku = newSku();
        UUID user = shopper(sku, 1, 5);
        DOWNSTREAM.payment.faults.delay("Authorize", 1500);
        UUID order = orderId(checkout(user, "k", checkoutBody("tok_ok")));
        await().atMost(Duration.ofSeconds(10)).until(() -> DOWNSTREAM.payment.faults.calls("Authorize") >= 1);

        HttpJson.Response cancel = cancel(user, order);

        // the authorization lands after the cancellation: the runner's record loses on the saga's version, it reads
        // the compensation the cancellation switched to and voids what the call did
        assertThat(cancel.status()).isEqualTo(202);
        assertThat(awaitFinal(order)).isEqualTo("CANCELLED");
        assertThat(DOWNSTREAM.payment.state(order.toString())).isEqualTo(PaymentState.PAYMENT_STATE_VOIDED);
        assertThat(DOWNSTREAM.payment.faults.calls("Capture")).isZero();
        assertThat(DOWNSTREAM.inventory.available(sku)).isEqualTo(5);
    }

    @Test
    void refundsAConfirmedOrderTheCustomerCancelsAndKeepsTheStockCommitted() {
        String sku = newSku();
        UUID user = shopper(sku, 1, 5);
        UUID order = orderId(checkout(user, "k", checkoutBody("tok_ok")));
        assertThat(awaitFinal(order)).isEqualTo("CONFIRMED");

        HttpJson.Response cancel = cancel(user, order);

        assertThat(cancel.status()).isEqualTo(202);
        assertThat(awaitFinal(order)).isEqualTo("CANCELLED");
        assertThat(DOWNSTREAM.payment.state(order.toString())).isEqualTo(PaymentState.PAYMENT_STATE_REFUNDED);
        assertThat(DOWNSTREAM.inventory.state(order.toString()))
                .isEqualTo(ReservationState.RESERVATION_STATE_COMMITTED);
        assertThat(DOWNSTREAM.inventory.available(sku)).isEqualTo(4);
        assertThat(events(order)).containsExactly("order.created", "order.confirmed", "order.cancelled");
    }

    @Test
    void refusesToCancelAnOrderCancelledForAnotherReasonOrSomeoneElses() {
        UUID user = shopper(newSku(), 3, 1);
        UUID order = orderId(checkout(user, "k", checkoutBody("tok_ok")));
        assertThat(awaitFinal(order)).isEqualTo("CANCELLED");

        HttpJson.Response cancel = cancel(user, order);
        HttpJson.Response stranger = cancel(UUID.randomUUID(), order);

        assertThat(cancel.status()).isEqualTo(409);
        assertThat(cancel.json().get("type").asString()).endsWith("/not-cancellable");
        assertThat(stranger.status()).isEqualTo(404);
    }

    @Test
    void answersAnUnchangedOrder304UntilItMoves() {
        String sku = newSku();
        UUID user = shopper(sku, 1, 5);
        UUID order = orderId(checkout(user, "k", checkoutBody("tok_ok")));
        assertThat(awaitFinal(order)).isEqualTo("CONFIRMED");
        String[] auth = bearer(user);

        HttpJson.Response first = http.get("/v1/orders/" + order, auth);
        String etag = first.header("ETag").orElseThrow();
        HttpJson.Response unchanged = http.get("/v1/orders/" + order, auth[0], auth[1], "If-None-Match", etag);
        String[] other = bearer(UUID.randomUUID());
        HttpJson.Response stranger = http.get("/v1/orders/" + order, other[0], other[1], "If-None-Match", etag);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("no-cache").contains("private"));
        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.raw()).isEmpty();
        assertThat(unchanged.header("ETag")).contains(etag);
        assertThat(stranger.status()).as("a tag is no way around ownership").isEqualTo(404);

        assertThat(cancel(user, order).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> "CANCELLED".equals(status(order)));
        HttpJson.Response moved = http.get("/v1/orders/" + order, auth[0], auth[1], "If-None-Match", etag);

        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(moved.header("ETag")).isPresent().isNotEqualTo(java.util.Optional.of(etag));
    }

    /**
     * Issue 14: past the checkout's knee every connection of the main pool is busy with checkouts and saga steps; a
     * status read must not queue behind them until it times out (503), or the gateway's breaker sheds every read.
     */
    @Test
    void readsOrdersWhileEveryConnectionOfTheMainPoolIsTaken() throws SQLException {
        String sku = newSku();
        UUID user = shopper(sku, 1, 5);
        UUID order = orderId(checkout(user, "k", checkoutBody("tok_ok")));
        awaitFinal(order);

        HikariDataSource main = (HikariDataSource) dataSource;
        List<Connection> taken = new ArrayList<>();
        try {
            for (int i = 0; i < main.getMaximumPoolSize(); i++) {
                taken.add(main.getConnection());
            }
            assertThat(main.getHikariPoolMXBean().getIdleConnections()).isZero();

            HttpJson.Response one = http.get("/v1/orders/" + order, bearer(user));
            assertThat(one.status()).isEqualTo(200);
            HttpJson.Response conditional = http.get(
                    "/v1/orders/" + order,
                    "Authorization",
                    bearer(user)[1],
                    "If-None-Match",
                    one.header("ETag").orElseThrow());
            HttpJson.Response page = http.get("/v1/orders", bearer(user));

            assertThat(conditional.status()).isEqualTo(304);
            assertThat(ids(page)).containsExactly(order);
            assertThat(readsPool.dataSource().getMaximumPoolSize())
                    .as("mercato.orders.reads.maximum-pool-size")
                    .isEqualTo(2);
            assertThat(readsPool.dataSource().isReadOnly()).isTrue();
        } finally {
            for (Connection connection : taken) {
                connection.close();
            }
        }
    }

    @Test
    void readsOrdersHoldingOneConnectionAtATime() {
        String sku = newSku();
        UUID user = shopper(sku, 2, 5);
        UUID order = orderId(checkout(user, "k", checkoutBody("tok_ok")));
        awaitFinal(order);

        OrderReadRepository orders = new OrderReadRepository(OneConnectionAtATime.over(dataSource));

        assertThat(orders.find(new OrderId(order)))
                .hasValueSatisfying(o -> assertThat(o.view().items())
                        .singleElement()
                        .satisfies(item -> assertThat(item.sku()).isEqualTo(sku)));
        assertThat(orders.page(new UserId(user), Long.MAX_VALUE, 10))
                .singleElement()
                .satisfies(o -> assertThat(o.view().items()).hasSize(1));
    }

    private HttpJson.Response cancel(UUID user, UUID order) {
        String[] auth = bearer(user);
        return http.send("POST", "/v1/orders/" + order + "/cancel", null, new byte[0], auth[0], auth[1]);
    }

    private static List<UUID> ids(HttpJson.Response page) {
        List<UUID> ids = new ArrayList<>();
        page.json()
                .get("items")
                .forEach(item -> ids.add(UUID.fromString(item.get("id").asString())));
        return ids;
    }
}
