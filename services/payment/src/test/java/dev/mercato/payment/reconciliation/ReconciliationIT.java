package dev.mercato.payment.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.payment.PaymentIntegrationTest;
import dev.mercato.payment.PspSim;
import dev.mercato.payment.domain.OrderId;
import dev.mercato.payment.domain.Payment;
import dev.mercato.payment.domain.PaymentStatus;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The provider moved on while its webhooks could not reach us: reconciliation notices and adopts its state. */
class ReconciliationIT extends PaymentIntegrationTest {

    @Autowired
    Reconciliation reconciliation;

    @Test
    void repairsAMissedWebhookAndReportsIt() {
        OrderId order = newOrder();
        Payment payment = payments.authorize(authorize(order, "tok_ok"));
        PspSim.WEBHOOK_PATH.refuse().cutAll(); // psp-sim keeps connections alive: cut them too
        assertThat(PspSim.http()
                        .send(
                                "POST",
                                "/v1/payments/" + payment.providerPaymentId() + "/capture",
                                "application/json",
                                new byte[0],
                                "Idempotency-Key",
                                "ops-capture-" + order)
                        .status())
                .isEqualTo(200);
        assertThat(payments.get(order).orElseThrow().status()).isEqualTo(PaymentStatus.AUTHORIZED);

        Reconciliation.Run run = reconciliation.run(true);

        assertThat(run.repaired()).isGreaterThanOrEqualTo(1);
        assertThat(payments.get(order).orElseThrow().status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(events(order)).containsExactly("payment.authorized", "payment.captured");
        assertThat(reconciliation.recent(100))
                .filteredOn(d -> order.equals(d.orderId()))
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.kind()).isEqualTo(Drift.Kind.MISSED_UPDATE);
                    assertThat(d.repaired()).isTrue();
                });
        reconciliation.run(true); // nothing left to repair for this order
        assertThat(reconciliation.recent(1000))
                .filteredOn(d -> order.equals(d.orderId()))
                .hasSize(1);
    }

    @Test
    void adoptsAPaymentKnownOnlyFromItsWebhook() {
        OrderId order = newOrder();
        PspSim.WEBHOOK_PATH.restore();
        String body = "{\"token\":\"tok_ok\",\"amount\":700,\"currency\":\"EUR\",\"merchantReference\":\""
                + order.merchantReference() + "\"}";
        String providerId = PspSim.http()
                .send(
                        "POST",
                        "/v1/payments",
                        "application/json",
                        body.getBytes(StandardCharsets.UTF_8),
                        "Idempotency-Key",
                        "lost-" + order)
                .json()
                .get("id")
                .asString();
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(15))
                .until(() -> jdbc.sql("select count(*) from webhook_event where provider_payment_id = ?")
                                .param(providerId)
                                .query(Long.class)
                                .single()
                        == 1);

        reconciliation.run(false);

        Payment adopted = payments.get(order).orElseThrow();
        assertThat(adopted.providerPaymentId()).isEqualTo(providerId);
        assertThat(adopted.amount().minor()).isEqualTo(700);
        assertThat(events(order)).containsExactly("payment.authorized");
        assertThat(reconciliation.recent(100))
                .filteredOn(d -> order.equals(d.orderId()))
                .extracting(Drift::kind)
                .containsExactly(Drift.Kind.UNKNOWN_PAYMENT);
    }
}
