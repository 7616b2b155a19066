package dev.mercato.pspsim.payment;

import static dev.mercato.testsupport.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.pspsim.PspApi;
import dev.mercato.pspsim.PspSimIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PaymentApiIT extends PspSimIntegrationTest {

    @Test
    void okTokenAuthorizes() {
        String reference = uniqueReference("order-");
        var response = api().authorize("tok_ok", 2599, reference);

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode payment = response.json();
        assertThat(payment.get("id").asString()).startsWith("pay_");
        assertThat(payment.get("status").asString()).isEqualTo("authorized");
        assertThat(payment.get("amount").asLong()).isEqualTo(2599);
        assertThat(payment.get("currency").asString()).isEqualTo("EUR");
        assertThat(payment.get("merchantReference").asString()).isEqualTo(reference);
        assertThat(payment.get("version").asInt()).isEqualTo(1);
        assertThat(response.header("Idempotent-Replayed")).contains("false");
        assertThat(api().get("/v1/payments/" + payment.get("id").asString()).json())
                .isEqualTo(payment);
    }

    @Test
    void declineTokenDeclinesWithoutAServerError() {
        var response = api().authorize("tok_decline", 1000, uniqueReference("order-"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("status").asString()).isEqualTo("declined");
        assertThat(response.json().get("failureCode").asString()).isEqualTo("card_declined");
        String id = response.json().get("id").asString();
        assertProblem(api().capture(id), 409, "conflict");
    }

    @Test
    void unknownTokenIsAValidationProblem() {
        var problem = assertProblem(api().authorize("tok_visa", 1000, uniqueReference("order-")), 400, "validation");

        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("token");
    }

    @Test
    void slowTokenAnswersAfterTheConfiguredDelay() {
        long started = System.nanoTime();
        var response = api().authorize("tok_slow", 1000, uniqueReference("order-"));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("status").asString()).isEqualTo("authorized");
        assertThat(tookMillis).isGreaterThanOrEqualTo(1500);
    }

    @Test
    void flakyTokenFailsTransientlyTwicePerKeyThenApproves() {
        String reference = uniqueReference("order-");
        String key = PspApi.newKey();

        var first = api().authorize(key, "tok_flaky", 1000, reference);
        var second = api().authorize(key, "tok_flaky", 1000, reference);
        var third = api().authorize(key, "tok_flaky", 1000, reference);
        var fourth = api().authorize(key, "tok_flaky", 1000, reference);

        assertProblem(first, 503, "unavailable");
        assertThat(first.header("Retry-After")).contains("1");
        assertProblem(second, 503, "unavailable");
        assertThat(third.status()).isEqualTo(201);
        assertThat(fourth.header("Idempotent-Replayed")).contains("true");
        assertThat(fourth.json()).isEqualTo(third.json());
        assertThat(byReference(reference)).hasSize(1);
        assertProblem(api().authorize("tok_flaky", 1000, reference), 503, "unavailable");
    }

    @Test
    void captureThenPartialAndFullRefunds() {
        String id = authorizedPayment(1000);

        var captured = api().capture(id);
        assertThat(captured.status()).isEqualTo(200);
        assertThat(captured.json().get("status").asString()).isEqualTo("captured");
        assertThat(captured.json().get("capturedAmount").asLong()).isEqualTo(1000);
        assertThat(captured.json().get("version").asInt()).isEqualTo(2);

        var partial = api().refund(id, 400L);
        assertThat(partial.json().get("status").asString()).isEqualTo("partially_refunded");
        assertThat(partial.json().get("refundableAmount").asLong()).isEqualTo(600);
        assertProblem(api().refund(id, 601L), 409, "conflict");

        var rest = api().refund(id, null);
        assertThat(rest.json().get("status").asString()).isEqualTo("refunded");
        assertThat(rest.json().get("refunds").size()).isEqualTo(2);
        assertThat(rest.json().get("refunds").get(1).get("amount").asLong()).isEqualTo(600);
        assertThat(rest.json().get("refunds").get(1).get("id").asString()).startsWith("re_");
        assertProblem(api().refund(id, 1L), 409, "conflict");
    }

    @Test
    void voidBeforeCaptureOnly() {
        String id = authorizedPayment(500);

        assertThat(api().voidAuthorization(id).json().get("status").asString()).isEqualTo("voided");
        var problem = assertProblem(api().capture(id), 409, "conflict");
        assertThat(problem.get("detail").asString()).contains("voided");
        assertProblem(api().refund(id, null), 409, "conflict");

        String captured = authorizedPayment(500);
        api().capture(captured);
        assertProblem(api().voidAuthorization(captured), 409, "conflict");
        assertProblem(api().capture(captured), 409, "conflict");
        assertThat(api().get("/v1/payments/" + captured).json().get("version").asInt())
                .isEqualTo(2);
    }

    @Test
    void unknownPaymentsAreNotFound() {
        assertProblem(api().get("/v1/payments/pay_missing"), 404, "not-found");
        assertProblem(api().capture("pay_missing"), 404, "not-found");
    }

    @Test
    void listsPaymentsByMerchantReferenceOldestFirst() {
        String reference = uniqueReference("order-");
        String first =
                api().authorize("tok_decline", 100, reference).json().get("id").asString();
        String second =
                api().authorize("tok_ok", 100, reference).json().get("id").asString();
        api().authorize("tok_ok", 100, uniqueReference("other-"));

        assertThat(byReference(reference)).containsExactly(first, second);
        assertProblem(api().get("/v1/payments"), 400, "validation");
    }

    private String authorizedPayment(long amount) {
        return api().authorize("tok_ok", amount, uniqueReference("order-"))
                .json()
                .get("id")
                .asString();
    }

    private java.util.List<String> byReference(String reference) {
        var items =
                api().get("/v1/payments?merchantReference=" + reference).json().get("items");
        var ids = new java.util.ArrayList<String>();
        items.forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }
}
