package dev.mercato.pspsim.idempotency;

import static dev.mercato.testsupport.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.pspsim.PspApi;
import dev.mercato.pspsim.PspSimIntegrationTest;
import dev.mercato.testsupport.http.HttpJson;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class IdempotencyIT extends PspSimIntegrationTest {

    @Test
    void sameKeyAndBodyReplaysTheStoredResponse() {
        String reference = uniqueReference("order-");
        String key = PspApi.newKey();

        var first = api().authorize(key, "tok_ok", 1200, reference);
        var replay = api().authorize(key, "tok_ok", 1200, reference);

        assertThat(first.status()).isEqualTo(201);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).contains("true");
        assertThat(replay.text()).isEqualTo(first.text());
        assertThat(payments(reference)).isEqualTo(1);
    }

    @Test
    void fieldOrderDoesNotMakeADifferentRequest() {
        String reference = uniqueReference("order-");
        String key = PspApi.newKey();
        api().authorize(key, "tok_ok", 1200, reference);

        var reordered = api().post(
                        "/v1/payments",
                        key,
                        "{\"merchantReference\":\"" + reference
                                + "\",\"currency\":\"EUR\",\"amount\":1200,\"token\":\"tok_ok\"}");

        assertThat(reordered.header("Idempotent-Replayed")).contains("true");
    }

    @Test
    void reusingAKeyForADifferentRequestIsRefused() {
        String reference = uniqueReference("order-");
        String key = PspApi.newKey();
        String paymentId =
                api().authorize(key, "tok_ok", 1200, reference).json().get("id").asString();

        var otherAmount = api().authorize(key, "tok_ok", 1300, reference);
        var otherEndpoint = api().post("/v1/payments/" + paymentId + "/capture", key, "");

        assertProblem(otherAmount, 422, "idempotency-key-reused");
        assertProblem(otherEndpoint, 422, "idempotency-key-reused");
        assertThat(api().get("/v1/payments/" + paymentId).json().get("status").asString())
                .isEqualTo("authorized");
        assertThat(payments(reference)).isEqualTo(1);
    }

    @Test
    void mutatingCallsRequireAKey() {
        var missing = api().post("/v1/payments", null, PspApi.authorizeBody("tok_ok", 1, "EUR", "order-1"));
        var blank = api().post("/v1/payments", "has space", PspApi.authorizeBody("tok_ok", 1, "EUR", "order-1"));

        var problem = assertProblem(missing, 400, "validation");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
        assertProblem(blank, 400, "validation");
    }

    @Test
    void concurrentRequestsWithOneKeyMakeOnePayment() throws Exception {
        String reference = uniqueReference("order-");
        String key = PspApi.newKey();
        int clients = 8;
        var start = new CountDownLatch(1);
        List<Future<HttpJson.Response>> responses = new ArrayList<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < clients; i++) {
                responses.add(executor.submit(() -> {
                    start.await();
                    return api().authorize(key, "tok_ok", 700, reference);
                }));
            }
            start.countDown();
        }

        List<String> ids = new ArrayList<>();
        int replayed = 0;
        for (var response : responses) {
            var r = response.get();
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            ids.add(r.json().get("id").asString());
            replayed += r.header("Idempotent-Replayed").orElseThrow().equals("true") ? 1 : 0;
        }
        assertThat(ids).containsOnly(ids.getFirst());
        assertThat(replayed).isEqualTo(clients - 1);
        assertThat(payments(reference)).isEqualTo(1);
        assertThat(api().get("/admin/webhooks?paymentId=" + ids.getFirst())
                        .json()
                        .get("items")
                        .size())
                .isEqualTo(1);
    }

    @Test
    void concurrentCapturesWithDifferentKeysCaptureOnce() throws Exception {
        String id = api().authorize("tok_ok", 900, uniqueReference("order-"))
                .json()
                .get("id")
                .asString();
        List<Future<HttpJson.Response>> responses = new ArrayList<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 6; i++) {
                responses.add(executor.submit(() -> api().capture(id)));
            }
        }

        int ok = 0;
        for (var response : responses) {
            int status = response.get().status();
            assertThat(status).isIn(200, 409);
            ok += status == 200 ? 1 : 0;
        }
        assertThat(ok).isEqualTo(1);
        assertThat(api().get("/v1/payments/" + id).json().get("version").asInt())
                .isEqualTo(2);
    }

    @Test
    void failedOperationsAreNotStoredSoARetryRunsAgain() {
        String id = api().authorize("tok_ok", 900, uniqueReference("order-"))
                .json()
                .get("id")
                .asString();
        String key = PspApi.newKey();

        assertProblem(api().post("/v1/payments/" + id + "/refunds", key, ""), 409, "conflict");
        api().capture(id);
        var retried = api().post("/v1/payments/" + id + "/refunds", key, "");

        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.header("Idempotent-Replayed")).contains("false");
        assertThat(retried.json().get("status").asString()).isEqualTo("refunded");
    }

    private int payments(String reference) {
        return api().get("/v1/payments?merchantReference=" + reference)
                .json()
                .get("items")
                .size();
    }
}
