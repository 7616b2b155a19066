package dev.mercato.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.scenario.Evidence;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/** What {@code ./mercato demo} shows, as a test: a paid order confirms, a declined one cancels and gives stock back. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckoutE2E {

    private static final Duration SAGA = Duration.ofSeconds(30);

    Platform platform;
    HttpJson gateway;
    Operator operator;

    @BeforeAll
    void start() {
        platform = Platform.shared();
        gateway = platform.viaGateway();
        operator = new Operator(gateway);
    }

    @Test
    void confirmsAPaidOrderAndCancelsADeclinedOneGivingItsStockBack() throws Exception {
        Evidence evidence = new Evidence("checkout", "a paid order and a declined one, through the gateway");
        JsonNode product = operator.product(1);
        String sku = product.get("sku").asString();
        operator.setOnHand(sku, 50);
        Shopper shopper = Shopper.register(gateway);

        shopper.add(product.get("id").asString(), 2);
        assertThat(shopper.cart().get("items")).hasSize(1);
        JsonNode paid = shopper.awaitTerminal(shopper.checkout("tok_ok"), SAGA);
        evidence.at("paid order %s", paid.get("status").asString());

        assertThat(paid.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(operator.stock(sku).get("onHand").asInt()).isEqualTo(48);
        assertThat(operator.stock(sku).get("reserved").asInt()).isZero();
        shopper.awaitEmptyCart();

        shopper.add(product.get("id").asString(), 1);
        JsonNode declined = shopper.awaitTerminal(shopper.checkout("tok_decline"), SAGA);
        evidence.at("declined order %s (%s)", declined.get("status").asString(), declined.get("cancellationReason"));

        assertThat(declined.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(declined.get("cancellationReason").asString()).isEqualTo("payment_declined");
        JsonNode stock = operator.stock(sku);
        assertThat(stock.get("onHand").asInt()).isEqualTo(48);
        assertThat(stock.get("available").asInt()).isEqualTo(48);

        JsonNode orders = shopper.get("/v1/orders").json().get("items");
        assertThat(orders)
                .extracting(order -> order.get("id").asString())
                .containsExactly(declined.get("id").asString(), paid.get("id").asString());
        Invariants.assertHold(platform, evidence);
        evidence.verdict();
    }

    @Test
    void rejectsACheckoutWithoutAnIdempotencyKeyOrWithAnEmptyCart() {
        Shopper shopper = Shopper.register(gateway);

        HttpJson.Response empty = shopper.checkout(UUID.randomUUID().toString(), "tok_ok");
        assertThat(empty.status()).as(empty.toString()).isEqualTo(422);
        assertThat(empty.contentType()).startsWith("application/problem+json");

        HttpJson.Response keyless = shopper.send(
                "POST", "/v1/checkout", "{\"shippingAddress\":" + Shopper.ADDRESS + ",\"paymentToken\":\"tok_ok\"}");
        assertThat(keyless.status()).as(keyless.toString()).isEqualTo(400);
    }
}
