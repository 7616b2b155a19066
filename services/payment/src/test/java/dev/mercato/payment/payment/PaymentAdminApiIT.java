package dev.mercato.payment.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.payment.PaymentIntegrationTest;
import dev.mercato.payment.PspSim;
import dev.mercato.payment.domain.OrderId;
import dev.mercato.testsupport.http.HttpJson;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The operators' API: admins only; the payment with its provider operations, and the reconciliation report. */
class PaymentAdminApiIT extends PaymentIntegrationTest {

    private final HttpJson app = HttpJson.at("http://localhost:" + PspSim.APP_PORT);

    @Test
    void showsAPaymentWithItsOperationsToAdminsOnly() {
        OrderId order = newOrder();
        payments.authorize(authorize(order, "tok_ok"));
        payments.capture(order);
        String path = "/v1/payments/" + order;

        HttpJson.Response anonymous = app.get(path);
        HttpJson.Response customer = app.get(path, IDENTITY.bearer("customer"));
        HttpJson.Response admin = app.get(path, IDENTITY.bearer("admin"));

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(customer.status()).isEqualTo(403);
        assertThat(admin.status()).isEqualTo(200);
        JsonNode body = admin.json();
        assertThat(body.get("payment").get("status").asString()).isEqualTo("CAPTURED");
        assertThat(body.get("payment").get("providerVersion").asInt()).isEqualTo(2);
        assertThat(body.get("operations")
                        .valueStream()
                        .map(o -> o.get("idempotencyKey").asString()))
                .containsExactly(order.merchantReference() + "-authorize", order.merchantReference() + "-capture");
    }

    @Test
    void answersNotFoundForAnUnknownOrder() {
        HttpJson.Response response = app.get("/v1/payments/" + UUID.randomUUID(), IDENTITY.bearer("admin"));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).contains("application/problem+json");
    }

    @Test
    void runsReconciliationOnDemandAndListsDrifts() {
        assertThat(app.send("POST", "/v1/payments/reconciliation/runs", null, new byte[0])
                        .status())
                .isEqualTo(401);

        HttpJson.Response run =
                app.send("POST", "/v1/payments/reconciliation/runs", null, new byte[0], IDENTITY.bearer("admin"));
        HttpJson.Response drifts = app.get("/v1/payments/reconciliation/drifts", IDENTITY.bearer("admin"));

        assertThat(run.status()).isEqualTo(200);
        assertThat(run.json().has("checked")).isTrue();
        assertThat(drifts.status()).isEqualTo(200);
        assertThat(drifts.json().isArray()).isTrue();
    }
}
