package dev.mercato.pspsim.fault;

import static dev.mercato.testsupport.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.pspsim.PspSimIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultAdminIT extends PspSimIntegrationTest {

    @AfterEach
    void resetFaults() {
        api().post("/admin/reset", null, "");
    }

    @Test
    void injectedLatencyDelaysProviderCallsButNotTheAdminApi() {
        var set = api().put("/admin/faults", "{\"latencyMs\":400,\"jitterMs\":100,\"failureRate\":0}");
        assertThat(set.status()).isEqualTo(200);
        assertThat(api().get("/admin/faults").json().get("latencyMs").asLong()).isEqualTo(400);

        long started = System.nanoTime();
        var response = api().authorize("tok_ok", 100, uniqueReference("order-"));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(response.status()).isEqualTo(201);
        assertThat(tookMillis).isGreaterThanOrEqualTo(400);
        long adminStarted = System.nanoTime();
        api().get("/admin/faults");
        assertThat((System.nanoTime() - adminStarted) / 1_000_000).isLessThan(400);
    }

    @Test
    void failureRateOneAnswers503AndDoesNothing() {
        api().put("/admin/faults", "{\"latencyMs\":0,\"jitterMs\":0,\"failureRate\":1.0}");
        String reference = uniqueReference("order-");

        var problem = api().authorize("tok_ok", 100, reference);

        assertProblem(problem, 503, "unavailable");
        assertThat(problem.header("Retry-After")).contains("1");
        api().post("/admin/reset", null, "");
        assertThat(api().get("/v1/payments?merchantReference=" + reference)
                        .json()
                        .get("items")
                        .size())
                .isZero();
        assertThat(api().get("/admin/faults").json().get("failureRate").asDouble())
                .isZero();
    }

    @Test
    void aFractionalFailureRateFailsSomeRequests() {
        api().put("/admin/faults", "{\"latencyMs\":0,\"jitterMs\":0,\"failureRate\":0.5}");
        int failed = 0;
        for (int i = 0; i < 60; i++) {
            failed += api().get("/v1/payments/pay_none").status() == 503 ? 1 : 0;
        }
        // 60 draws at p=0.5: outside [10, 50] has a probability below 1e-7.
        assertThat(failed).isBetween(10, 50);
    }

    @Test
    void invalidSettingsAreRefused() {
        assertProblem(
                api().put("/admin/faults", "{\"latencyMs\":-1,\"jitterMs\":0,\"failureRate\":0}"), 400, "validation");
        assertProblem(
                api().put("/admin/faults", "{\"latencyMs\":0,\"jitterMs\":0,\"failureRate\":1.5}"), 400, "validation");
        assertProblem(api().put("/admin/faults", "{\"latencyMs\":0}"), 400, "validation");
        assertThat(api().get("/admin/faults").json().get("failureRate").asDouble())
                .isZero();
    }
}
