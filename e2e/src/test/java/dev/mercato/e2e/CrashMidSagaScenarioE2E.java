package dev.mercato.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.process.ServiceProcess;
import dev.mercato.testsupport.scenario.Evidence;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * scenarios.md {@code crash-mid-saga}: ordering dies (a failpoint halts the JVM like kill -9) at each step of the
 * saga, right after the downstream call answered and before ordering recorded the answer — the worst moment, since the
 * effect happened and ordering does not know it. Restarted, it resumes every saga from its persisted state; each
 * order ends terminal, with exactly the effects it should have.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashMidSagaScenarioE2E {

    private static final Duration SAGA = Duration.ofSeconds(60);

    Platform platform;
    Operator operator;
    Evidence evidence;
    JsonNode product;

    @BeforeAll
    void start() {
        platform = Platform.shared();
        operator = new Operator(platform.viaGateway());
        evidence = new Evidence("crash-mid-saga", "ordering killed at each saga step, then restarted");
        product = operator.product(4);
        operator.setOnHand(product.get("sku").asString(), 1_000);
    }

    @AfterAll
    void checkInvariants() throws Exception {
        platform.restart("ordering", Map.of());
        Invariants.assertHold(platform, evidence);
        evidence.verdict();
    }

    @Test
    void crashBeforeReservingStock() throws Exception {
        crashAt("saga.before-call.RESERVE_STOCK", "tok_ok", "CONFIRMED");
    }

    @Test
    void crashAfterReservingStock() throws Exception {
        crashAt("saga.after-call.RESERVE_STOCK", "tok_ok", "CONFIRMED");
    }

    @Test
    void crashAfterAuthorizingThePayment() throws Exception {
        crashAt("saga.after-call.AUTHORIZE_PAYMENT", "tok_ok", "CONFIRMED");
    }

    @Test
    void crashAfterCapturingThePayment() throws Exception {
        crashAt("saga.after-call.CAPTURE_PAYMENT", "tok_ok", "CONFIRMED");
    }

    @Test
    void crashAfterCommittingTheStock() throws Exception {
        crashAt("saga.after-call.COMMIT_STOCK", "tok_ok", "CONFIRMED");
    }

    @Test
    void crashAfterReleasingTheStockOfADeclinedOrder() throws Exception {
        crashAt("saga.after-call.RELEASE_STOCK", "tok_decline", "CANCELLED");
    }

    @Test
    void crashAfterRefundingAConfirmedOrderTheCustomerCancelled() throws Exception {
        String failpoint = "saga.after-call.REFUND_PAYMENT";
        crashWhileCancelling(
                failpoint,
                failpoint + "=crash",
                (shopper, orderId) -> assertThat(shopper.awaitTerminal(orderId, SAGA)
                                .get("status")
                                .asString())
                        .isEqualTo("CONFIRMED"));
    }

    @Test
    void crashAfterVoidingTheAuthorizationOfAnOrderCancelledBeforeCapture() throws Exception {
        String failpoint = "saga.after-call.VOID_PAYMENT";
        // the saga pauses after the authorization is recorded, so the customer's cancel lands before the capture
        crashWhileCancelling(
                failpoint,
                "saga.after-record.AUTHORIZE_PAYMENT=delay:8000," + failpoint + "=crash",
                (shopper, orderId) -> Awaitility.await("order " + orderId + " authorized")
                        .atMost(Duration.ofSeconds(20))
                        .until(() ->
                                shopper.order(orderId).get("stage").asString().equals("CAPTURE_PAYMENT")));
    }

    /**
     * Checks out with tok_ok, waits for {@code beforeCancel}, cancels as the customer, expects ordering to halt at
     * {@code failpoint}, restarts it and expects the order to end CANCELLED by the customer.
     */
    private void crashWhileCancelling(
            String failpoint, String failpoints, java.util.function.BiConsumer<Shopper, String> beforeCancel)
            throws Exception {
        platform.restart("ordering", Map.of("ORDERING_FAILPOINTS", failpoints));
        ServiceProcess ordering = platform.process("ordering");
        Shopper shopper = Shopper.register(platform.viaGateway());
        shopper.add(product.get("id").asString(), 1);
        String orderId = shopper.checkout("tok_ok");
        beforeCancel.accept(shopper, orderId);

        HttpJson.Response cancel = shopper.send("POST", "/v1/orders/" + orderId + "/cancel", "{}");
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(202);
        awaitHalt(ordering, failpoint);
        platform.start("ordering", Map.of());
        evidence.at("ordering halted at %s and restarted (order %s)", failpoint, orderId);
        JsonNode order = shopper.awaitStatus(orderId, "CANCELLED", SAGA);

        String reason = order.get("cancellationReason").asString();
        evidence.line("%s: order %s CANCELLED (%s)", failpoint, orderId, reason);
        evidence.invariantEquals("cancellation reason after a crash at " + failpoint, reason, "cancelled_by_customer");
        assertThat(reason).isEqualTo("cancelled_by_customer");
    }

    private static void awaitHalt(ServiceProcess ordering, String failpoint) {
        Awaitility.await("ordering halted at " + failpoint)
                .atMost(Duration.ofSeconds(30))
                .until(() -> !ordering.isAlive());
    }

    private void crashAt(String failpoint, String paymentToken, String expected) throws Exception {
        platform.restart("ordering", Map.of("ORDERING_FAILPOINTS", failpoint + "=crash"));
        ServiceProcess ordering = platform.process("ordering");
        HttpJson gateway = platform.viaGateway();
        Shopper shopper = Shopper.register(gateway);
        shopper.add(product.get("id").asString(), 1);
        long started = System.nanoTime();

        String key = UUID.randomUUID().toString();
        HttpJson.Response first = shopper.checkout(key, paymentToken);
        awaitHalt(ordering, failpoint);
        platform.start("ordering", Map.of());
        // The halt can beat the 202 to the client; the client then does what clients do, retry with the same key.
        String orderId;
        if (first.status() == 202) {
            orderId = first.json().get("orderId").asString();
        } else {
            HttpJson.Response retried = shopper.checkout(key, paymentToken);
            evidence.line(
                    "the checkout's answer was lost in the crash (%d); the retry with the same key answered %d, replayed: %s",
                    first.status(),
                    retried.status(),
                    retried.header("Idempotent-Replayed").orElse("false"));
            assertThat(retried.status()).as(retried.toString()).isEqualTo(202);
            orderId = retried.json().get("orderId").asString();
        }
        evidence.at("ordering halted at %s and restarted (order %s)", failpoint, orderId);
        JsonNode order = shopper.awaitTerminal(orderId, SAGA);
        evidence.line(
                "%s: order %s %s%s, %d ms after checkout (restart included)",
                failpoint,
                orderId,
                order.get("status").asString(),
                order.hasNonNull("cancellationReason")
                        ? " (" + order.get("cancellationReason").asString() + ")"
                        : "",
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        evidence.invariantEquals(
                "order state after a crash at " + failpoint, order.get("status").asString(), expected);
        assertThat(order.get("status").asString()).isEqualTo(expected);
    }
}
