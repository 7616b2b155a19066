package dev.mercato.payment.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.payment.PaymentIntegrationTest;
import dev.mercato.payment.PspSim;
import dev.mercato.payment.domain.IdempotencyKeys;
import dev.mercato.payment.domain.OrderId;
import dev.mercato.payment.domain.Payment;
import dev.mercato.payment.domain.PaymentStatus;
import dev.mercato.testsupport.http.HttpJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Deliveries from the real psp-sim and hand-signed ones: verified, applied once, in version order, never lost. */
class WebhookIT extends PaymentIntegrationTest {

    private final WebhookSignature signer = new WebhookSignature(PspSim.SECRET, Duration.ofMinutes(5));
    private final HttpJson app = HttpJson.at("http://localhost:" + PspSim.APP_PORT);

    @Test
    void aCaptureMadeAtTheProviderReachesUsByWebhookOnce() {
        OrderId order = newOrder();
        Payment payment = payments.authorize(authorize(order, "tok_ok"));

        HttpJson.Response captured = PspSim.http()
                .send(
                        "POST",
                        "/v1/payments/" + payment.providerPaymentId() + "/capture",
                        "application/json",
                        new byte[0],
                        "Idempotency-Key",
                        "ops-capture-" + order);
        assertThat(captured.status()).isEqualTo(200);

        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() -> payments.get(order).orElseThrow().status() == PaymentStatus.CAPTURED);
        String capturedEvent = awaitEvent(payment.providerPaymentId(), "payment.captured");
        assertThat(outcomes(payment.providerPaymentId())).containsEntry(capturedEvent, "APPLIED");

        // the provider delivers the same event again (replay): no second effect
        assertThat(PspSim.http()
                        .send(
                                "POST",
                                "/admin/webhooks/" + capturedEvent + "/redeliver",
                                "application/json",
                                new byte[0])
                        .status())
                .isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> deliveredTimes(capturedEvent) >= 2);
        assertThat(outcomes(payment.providerPaymentId())).hasSize(2).containsEntry(capturedEvent, "APPLIED");
        assertThat(events(order)).containsExactly("payment.authorized", "payment.captured");
    }

    @Test
    void rejectsForgedMissingAndStaleSignatures() {
        OrderId order = newOrder();
        Payment payment = payments.authorize(authorize(order, "tok_ok"));
        String eventId = "evt_forged_" + UUID.randomUUID();
        byte[] body = event(eventId, payment, "captured", 2);
        long now = Instant.now().getEpochSecond();
        String forged = new WebhookSignature("whsec_guess", Duration.ofMinutes(5)).header(now, body);

        HttpJson.Response wrongKey = post(body, forged);
        HttpJson.Response missing = app.send("POST", "/webhooks/psp", "application/json", body);
        HttpJson.Response stale = post(body, signer.header(now - 600, body));

        assertThat(wrongKey.status()).isEqualTo(401);
        assertThat(wrongKey.json().get("type").asString()).isEqualTo("https://mercato.dev/problems/unauthorized");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(stale.status()).isEqualTo(401);
        assertThat(outcomes(payment.providerPaymentId())).doesNotContainKey(eventId);
        assertThat(payments.get(order).orElseThrow().status()).isEqualTo(PaymentStatus.AUTHORIZED);
    }

    @Test
    void appliesOnlyNewerVersionsWhateverTheArrivalOrder() {
        OrderId order = newOrder();
        Payment payment = payments.authorize(authorize(order, "tok_ok"));
        String newer = "evt_v3_" + UUID.randomUUID();
        String older = "evt_v2_" + UUID.randomUUID();

        HttpJson.Response first = signedPost(event(newer, payment, "voided", 3));
        HttpJson.Response late = signedPost(event(older, payment, "captured", 2));
        HttpJson.Response again = signedPost(event(newer, payment, "voided", 3));

        assertThat(first.json().get("outcome").asString()).isEqualTo("APPLIED");
        assertThat(late.json().get("outcome").asString()).isEqualTo("STALE");
        assertThat(again.json().get("outcome").asString()).isEqualTo("DUPLICATE");
        assertThat(payments.get(order).orElseThrow().status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(events(order)).containsExactly("payment.authorized", "payment.voided");
    }

    @Test
    void keepsAWebhookForAPaymentWeDoNotKnowYetAndAppliesItWhenTheAuthorizationIsStored() {
        OrderId order = newOrder();
        // our authorization reached the provider, then we crashed before storing its answer
        String body = "{\"token\":\"tok_ok\",\"amount\":2599,\"currency\":\"EUR\",\"merchantReference\":\""
                + order.merchantReference() + "\"}";
        JsonNode atProvider = PspSim.http()
                .send(
                        "POST",
                        "/v1/payments",
                        "application/json",
                        body.getBytes(StandardCharsets.UTF_8),
                        "Idempotency-Key",
                        IdempotencyKeys.authorize(order))
                .json();
        String providerId = atProvider.get("id").asString();
        String authorizedEvent = awaitEvent(providerId, "payment.authorized");
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() -> "UNMATCHED".equals(outcomes(providerId).get(authorizedEvent)));

        Payment payment = payments.authorize(authorize(order, "tok_ok")); // the saga's retry: same key, replayed

        assertThat(payment.providerPaymentId()).isEqualTo(providerId);
        assertThat(outcomes(providerId)).containsEntry(authorizedEvent, "APPLIED_LATE");
        assertThat(events(order)).containsExactly("payment.authorized");
    }

    private HttpJson.Response signedPost(byte[] body) {
        return post(body, signer.header(Instant.now().getEpochSecond(), body));
    }

    private HttpJson.Response post(byte[] body, String signature) {
        return app.send("POST", "/webhooks/psp", "application/json", body, "Psp-Signature", signature);
    }

    /** A provider event as psp-sim shapes it, for the payment moved to {@code status} at {@code version}. */
    private static byte[] event(String id, Payment payment, String status, int version) {
        long captured = status.equals("captured") ? payment.amount().minor() : 0;
        String json = """
                {"createdAt":"%s","data":{"payment":{"id":"%s","status":"%s","amount":%d,"currency":"%s",
                "merchantReference":"%s","capturedAmount":%d,"refundedAmount":0,"refundableAmount":%d,
                "failureCode":null,"refunds":[],"version":%d}},"id":"%s","paymentId":"%s","paymentVersion":%d,
                "type":"payment.%s"}""".formatted(
                        Instant.now(),
                        payment.providerPaymentId(),
                        status,
                        payment.amount().minor(),
                        payment.amount().currency(),
                        payment.orderId().merchantReference(),
                        captured,
                        captured,
                        version,
                        id,
                        payment.providerPaymentId(),
                        version,
                        status);
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private String awaitEvent(String providerPaymentId, String type) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(
                        () -> providerEvents(providerPaymentId).stream()
                                .filter(e -> e.get("type").asString().equals(type))
                                .map(e -> e.get("id").asString())
                                .findFirst()
                                .orElse(null),
                        id -> id != null && outcomes(providerPaymentId).containsKey(id));
    }

    private List<JsonNode> providerEvents(String providerPaymentId) {
        return PspSim.http()
                .get("/admin/webhooks?paymentId=" + providerPaymentId)
                .json()
                .get("items")
                .valueStream()
                .toList();
    }

    private long deliveredTimes(String eventId) {
        JsonNode event = PspSim.http().get("/admin/webhooks/" + eventId).json();
        return event.get("deliveries")
                .valueStream()
                .flatMap(d -> d.get("attemptLog").valueStream())
                .filter(a -> a.get("statusCode").asInt(0) == 200)
                .count();
    }

    private java.util.Map<String, String> outcomes(String providerPaymentId) {
        java.util.Map<String, String> outcomes = new java.util.HashMap<>();
        jdbc.sql("select event_id, outcome from webhook_event where provider_payment_id = ?")
                .param(providerPaymentId)
                .query(rs -> {
                    outcomes.put(rs.getString(1), rs.getString(2));
                });
        return outcomes;
    }
}
