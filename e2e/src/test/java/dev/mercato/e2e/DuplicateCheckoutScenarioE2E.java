package dev.mercato.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.scenario.Evidence;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * scenarios.md {@code duplicate-checkout}: a client double-clicks and retries checkout with one Idempotency-Key, 50
 * times at once. One order, one charge, identical responses. Each client is a careful one: an answer that is no answer
 * (503 shed, 504, 409 still in progress) is retried with the same key, as the API asks; a burst right after ordering
 * restarted can shed a few cart reads. What every client ends with must be the same 202.
 */
class DuplicateCheckoutScenarioE2E {

    private static final int REQUESTS = 50;

    @Test
    void fiftyConcurrentCheckoutsWithOneKeyMakeOneOrderAndOneCharge() throws Exception {
        Platform platform = Platform.shared();
        HttpJson gateway = platform.viaGateway();
        Operator operator = new Operator(gateway);
        Evidence evidence = new Evidence("duplicate-checkout", REQUESTS + " concurrent checkouts with one key");
        JsonNode product = operator.product(2);
        operator.setOnHand(product.get("sku").asString(), 100);
        Shopper shopper = Shopper.register(gateway);
        shopper.add(product.get("id").asString(), 1);
        String key = UUID.randomUUID().toString();

        List<HttpJson.Response> responses = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HttpJson.Response>> sent = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                sent.add(clients.submit(() -> {
                    go.await();
                    return shopper.checkoutRetrying(key, "tok_ok");
                }));
            }
            go.countDown();
            for (Future<HttpJson.Response> response : sent) {
                responses.add(response.get());
            }
        }

        long accepted = responses.stream().filter(r -> r.status() == 202).count();
        long replayed = responses.stream()
                .filter(r -> r.header("Idempotent-Replayed").orElse("").equals("true"))
                .count();
        long distinctBodies =
                responses.stream().map(HttpJson.Response::text).distinct().count();
        evidence.line("%d answered 202, %d of them replays, %d distinct bodies", accepted, replayed, distinctBodies);
        evidence.invariantEquals("every request answered 202", accepted, (long) REQUESTS);
        evidence.invariantEquals("every answer has the same body", distinctBodies, 1L);
        assertThat(responses)
                .allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(202));
        assertThat(distinctBodies).isEqualTo(1);
        assertThat(replayed).isEqualTo(REQUESTS - 1);

        String orderId = responses.getFirst().json().get("orderId").asString();
        JsonNode order = shopper.awaitTerminal(orderId, Duration.ofSeconds(30));
        assertThat(order.get("status").asString()).isEqualTo("CONFIRMED");
        long orders = shopper.get("/v1/orders").json().get("items").size();
        long providerPayments = providerPaymentsOf(platform, orderId);
        evidence.invariantEquals("orders for the shopper", orders, 1L);
        evidence.invariantEquals("payments at the provider for the order", providerPayments, 1L);
        assertThat(orders).isEqualTo(1);
        assertThat(providerPayments).isEqualTo(1);
        Invariants.assertHold(platform, evidence);
        evidence.verdict();
    }

    private static long providerPaymentsOf(Platform platform, String orderId) throws Exception {
        var database = platform.database("psp-sim");
        try (Connection connection = DriverManager.getConnection(
                        database.jdbcUrl(),
                        database.server().user(),
                        database.server().password());
                PreparedStatement count =
                        connection.prepareStatement("select count(*) from payment where merchant_reference = ?")) {
            count.setString(1, "order-" + orderId);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
