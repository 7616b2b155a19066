package dev.mercato.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.postgres.TestDatabase;
import dev.mercato.testsupport.scenario.Evidence;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * scenarios.md {@code webhook-replay}: after a checkout, the provider delivers each of the payment's webhooks again
 * and again, newest first, and someone posts a forged one. Each event has one effect; the forgery is refused.
 */
class WebhookReplayScenarioE2E {

    private static final int REDELIVERIES = 5;

    @Test
    void duplicateLateAndForgedWebhooksHaveNoSecondEffect() throws Exception {
        Platform platform = Platform.shared();
        HttpJson gateway = platform.viaGateway();
        HttpJson provider = platform.direct("psp-sim");
        Operator operator = new Operator(gateway);
        Evidence evidence = new Evidence("webhook-replay", "webhooks redelivered late and out of order, and a forgery");
        JsonNode product = operator.product(6);
        operator.setOnHand(product.get("sku").asString(), 100);
        Shopper shopper = Shopper.register(gateway);
        shopper.add(product.get("id").asString(), 1);
        String orderId = shopper.checkout("tok_ok");
        assertThat(shopper.awaitTerminal(orderId, Duration.ofSeconds(30))
                        .get("status")
                        .asString())
                .isEqualTo("CONFIRMED");
        String paymentId = provider.get("/v1/payments?merchantReference=order-" + orderId)
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asString();
        List<String> events = new ArrayList<>();
        Awaitility.await("the provider's webhooks for " + paymentId + " delivered")
                .atMost(Duration.ofSeconds(30))
                .until(() -> allDelivered(provider, paymentId, events));
        long before = eventsApplied(platform, orderId);
        evidence.at("order %s confirmed; the provider sent %s", orderId, events);

        for (int round = 0; round < REDELIVERIES; round++) {
            for (String event : events) { // newest first: every round delivers them out of order
                assertThat(provider.send("POST", "/admin/webhooks/" + event + "/redeliver", null, new byte[0])
                                .status())
                        .isEqualTo(202);
            }
        }
        Awaitility.await("every redelivery answered")
                .atMost(Duration.ofSeconds(60))
                .until(() -> allDelivered(provider, paymentId, new ArrayList<>()));
        evidence.at(
                "%d more deliveries of the same %d events, all answered 2xx",
                REDELIVERIES * events.size(), events.size());

        JsonNode latest = provider.get("/admin/webhooks/" + events.getFirst()).json();
        HttpJson.Response forged = platform.direct("payment")
                .send(
                        "POST",
                        "/webhooks/psp",
                        "application/json",
                        latest.get("payload").toString().getBytes(StandardCharsets.UTF_8),
                        "Psp-Signature",
                        "t=" + (System.currentTimeMillis() / 1000) + ",v1=" + "0".repeat(64));
        evidence.line("a forged delivery of %s answered %d", events.getFirst(), forged.status());

        long after = eventsApplied(platform, orderId);
        evidence.invariantEquals("payment events published for the order (one per provider event)", after, before);
        evidence.invariantEquals("webhook events recorded per event id", maxRecordedPerEvent(platform, paymentId), 1L);
        evidence.invariantEquals("the forged delivery is refused", forged.status(), 401);
        assertThat(forged.status()).isEqualTo(401);
        assertThat(after).isEqualTo(before);
        Invariants.assertHold(platform, evidence);
        evidence.verdict();
    }

    /** Collects the payment's event ids (newest first) and says whether every delivery of them succeeded. */
    private static boolean allDelivered(HttpJson provider, String paymentId, List<String> events) {
        JsonNode page = provider.get("/admin/webhooks?paymentId=" + paymentId).json();
        events.clear();
        boolean delivered = !page.get("items").isEmpty();
        for (JsonNode event : page.get("items")) {
            events.add(event.get("id").asString());
            for (JsonNode delivery : event.get("deliveries")) {
                delivered &= delivery.get("status").asString().equals("delivered");
            }
        }
        return delivered && events.size() >= 2;
    }

    private static long eventsApplied(Platform platform, String orderId) throws Exception {
        return single(
                platform.database("payment"),
                "select count(*) from messaging.outbox_message where aggregate_id = ? and type like 'payment.%'",
                orderId);
    }

    private static long maxRecordedPerEvent(Platform platform, String paymentId) throws Exception {
        return single(
                platform.database("payment"),
                "select coalesce(max(n), 0) from (select count(*) n from webhook_event"
                        + " where provider_payment_id = ? group by event_id) counts",
                paymentId);
    }

    private static long single(TestDatabase database, String sql, String parameter) throws Exception {
        try (Connection connection = DriverManager.getConnection(
                        database.jdbcUrl(),
                        database.server().user(),
                        database.server().password());
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
