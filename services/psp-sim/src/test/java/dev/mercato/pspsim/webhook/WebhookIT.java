package dev.mercato.pspsim.webhook;

import static dev.mercato.testsupport.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercato.pspsim.PspSimIntegrationTest;
import dev.mercato.pspsim.WebhookReceiver.Delivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WebhookIT extends PspSimIntegrationTest {

    @Test
    void everyStateChangeIsDeliveredSignedAndOrderable() {
        String id = api().authorize("tok_ok", 1000, uniqueReference("order-"))
                .json()
                .get("id")
                .asString();
        api().capture(id);
        api().refund(id, 250L);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> RECEIVER.forPayment(id).size() >= 3);
        List<Delivery> deliveries = RECEIVER.forPayment(id);
        assertThat(deliveries).hasSize(3).allMatch(Delivery::signatureValid);
        assertThat(deliveries.stream().sorted((a, b) -> a.paymentVersion() - b.paymentVersion()))
                .extracting(Delivery::type)
                .containsExactly("payment.authorized", "payment.captured", "payment.refunded");
        assertThat(deliveries)
                .extracting(Delivery::eventId)
                .doesNotHaveDuplicates()
                .allMatch(e -> e.startsWith("evt_"));
        JsonNode refunded = deliveries.stream()
                .filter(d -> d.type().equals("payment.refunded"))
                .findFirst()
                .orElseThrow()
                .body();
        assertThat(refunded.get("createdAt").asString()).isNotBlank();
        assertThat(refunded.get("paymentVersion").asInt()).isEqualTo(3);
        assertThat(refunded.get("data").get("payment").get("status").asString()).isEqualTo("partially_refunded");
        assertThat(refunded.get("data").get("payment").get("version").asInt()).isEqualTo(3);
    }

    @Test
    void declinesAndVoidsAreAnnounced() {
        String declined = api().authorize("tok_decline", 10, uniqueReference("order-"))
                .json()
                .get("id")
                .asString();
        String voided = api().authorize("tok_ok", 10, uniqueReference("order-"))
                .json()
                .get("id")
                .asString();
        api().voidAuthorization(voided);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> RECEIVER.forPayment(declined).size() == 1
                        && RECEIVER.forPayment(voided).size() == 2);
        assertThat(RECEIVER.forPayment(declined).getFirst().type()).isEqualTo("payment.declined");
        assertThat(RECEIVER.forPayment(voided)).extracting(Delivery::type).contains("payment.voided");
    }

    @Test
    void failedDeliveriesAreRetriedWithBackoffUntilAccepted() {
        String id = api().authorize("tok_ok", 10, uniqueReference("fail2-"))
                .json()
                .get("id")
                .asString();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> delivery(id).get("status").asString().equals("delivered"));
        List<Delivery> received = RECEIVER.forPayment(id);
        assertThat(received).extracting(Delivery::answered).containsExactly(500, 500, 204);
        assertThat(received).extracting(Delivery::attemptHeader).containsExactly("1", "2", "3");
        assertThat(received)
                .extracting(Delivery::body)
                .containsOnly(received.getFirst().body());
        // the first backoff is at least half the initial 200 ms
        assertThat(Duration.between(
                        received.get(0).receivedAt(), received.get(1).receivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(100));
        JsonNode delivery = delivery(id);
        assertThat(delivery.get("attempts").asInt()).isEqualTo(3);
        assertThat(delivery.get("lastStatusCode").asInt()).isEqualTo(204);
        assertThat(delivery.get("attemptLog").findValues("statusCode"))
                .extracting(JsonNode::asInt)
                .containsExactly(500, 500, 204);
        assertThat(delivery.get("attemptLog").get(0).get("attemptedAt").asString())
                .isNotBlank();
    }

    @Test
    void deliveriesAreMarkedFailedAfterTheLastAttempt() {
        String id = api().authorize("tok_ok", 10, uniqueReference("fail9-"))
                .json()
                .get("id")
                .asString();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> delivery(id).get("status").asString().equals("failed"));
        JsonNode delivery = delivery(id);
        assertThat(delivery.get("attempts").asInt()).isEqualTo(4);
        assertThat(delivery.get("lastError").asString()).isEqualTo("HTTP 500");
        await().during(Duration.ofMillis(800))
                .atMost(Duration.ofSeconds(2))
                .until(() -> RECEIVER.forPayment(id).size() == 4);
    }

    @Test
    void anEventCanBeRedeliveredOnDemand() {
        String id = api().authorize("tok_ok", 10, uniqueReference("order-"))
                .json()
                .get("id")
                .asString();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> RECEIVER.forPayment(id).size() == 1);
        String eventId = RECEIVER.forPayment(id).getFirst().eventId();

        var redelivered = api().post("/admin/webhooks/" + eventId + "/redeliver", null, "");
        var again = api().post("/admin/webhooks/" + eventId + "/redeliver", null, "");

        assertThat(redelivered.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> RECEIVER.forPayment(id).size() == 3);
        assertThat(RECEIVER.forPayment(id)).extracting(Delivery::eventId).containsOnly(eventId);
        assertThat(RECEIVER.forPayment(id))
                .extracting(Delivery::body)
                .containsOnly(RECEIVER.forPayment(id).getFirst().body());
        assertThat(api().get("/admin/webhooks/" + eventId)
                        .json()
                        .get("deliveries")
                        .size())
                .isEqualTo(3);
        assertProblem(api().post("/admin/webhooks/evt_missing/redeliver", null, ""), 404, "not-found");
    }

    @Test
    void adminListShowsTheExactBodySent() {
        String id = api().authorize("tok_ok", 10, uniqueReference("order-"))
                .json()
                .get("id")
                .asString();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> RECEIVER.forPayment(id).size() == 1);

        JsonNode event =
                api().get("/admin/webhooks?paymentId=" + id).json().get("items").get(0);

        assertThat(event.get("payload"))
                .isEqualTo(RECEIVER.forPayment(id).getFirst().body());
        assertThat(event.get("type").asString()).isEqualTo("payment.authorized");
        assertProblem(api().get("/admin/webhooks?limit=0"), 400, "validation");
    }

    private JsonNode delivery(String paymentId) {
        JsonNode items =
                api().get("/admin/webhooks?paymentId=" + paymentId).json().get("items");
        List<JsonNode> deliveries = new ArrayList<>();
        items.get(0).get("deliveries").forEach(deliveries::add);
        assertThat(deliveries).hasSize(1);
        return deliveries.getFirst();
    }
}
