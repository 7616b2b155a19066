package dev.mercato.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.scenario.Evidence;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Issue 17's invoice acceptance point, through the gateway: a checked-out order's invoice is a PDF for its owner and
 * 404 for another customer; an admin's bulk job over the day re-renders it and completes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentsE2E {

    private static final Duration SAGA = Duration.ofSeconds(30);
    private static final Duration INVOICE = Duration.ofSeconds(15);

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
    void theOwnerGetsTheInvoicePdfAndAnotherCustomerGets404() throws Exception {
        Evidence evidence = new Evidence("documents", "an invoice PDF per confirmed order, for its owner only");
        JsonNode product = operator.product(3);
        operator.setOnHand(product.get("sku").asString(), 50);
        Shopper owner = Shopper.register(gateway);
        owner.add(product.get("id").asString(), 1);
        String orderId = owner.checkout("tok_ok");
        assertThat(owner.awaitTerminal(orderId, SAGA).get("status").asString()).isEqualTo("CONFIRMED");
        String path = "/v1/orders/" + orderId + "/invoice";

        HttpJson.Response invoice = Awaitility.await("the invoice of " + orderId)
                .atMost(INVOICE)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> owner.get(path), response -> response.status() != 404);
        assertThat(invoice.status()).isEqualTo(200);
        assertThat(invoice.contentType()).startsWith("application/pdf");
        assertThat(new String(Arrays.copyOf(invoice.raw(), 4), StandardCharsets.US_ASCII))
                .isEqualTo("%PDF");
        evidence.at("owner: 200 %s, %d bytes", invoice.contentType(), invoice.raw().length);

        Shopper stranger = Shopper.register(gateway);
        assertThat(stranger.get(path).status()).isEqualTo(404);
        assertThat(gateway.get(path).status()).isEqualTo(401);
        evidence.at("another customer: 404; no token: 401");

        String admin = "Bearer " + Shopper.login(gateway, Platform.ADMIN_EMAIL, Platform.ADMIN_PASSWORD);
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        String range = "{\"from\":\"" + today + "\",\"to\":\"" + today.plus(1, ChronoUnit.DAYS) + "\"}";
        HttpJson.Response started = gateway.send(
                "POST",
                "/v1/admin/documents/invoices",
                "application/json",
                range.getBytes(StandardCharsets.UTF_8),
                "Authorization",
                admin);
        assertThat(started.status()).isEqualTo(202);
        String location = started.header("Location").orElseThrow();
        JsonNode job = Awaitility.await("the bulk job")
                .atMost(Duration.ofSeconds(60))
                .until(
                        () -> gateway.get(location, "Authorization", admin).json(),
                        body -> !body.get("state").asString().equals("RUNNING"));
        assertThat(job.get("state").asString()).isEqualTo("COMPLETED");
        assertThat(job.get("done").asInt()).isEqualTo(job.get("total").asInt()).isPositive();
        evidence.at(
                "bulk job over today: %d of %d invoices",
                job.get("done").asInt(), job.get("total").asInt());
    }
}
