package dev.mercato.pspsim;

import static dev.mercato.testsupport.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OperationsIT extends PspSimIntegrationTest {

    @Test
    void exposesThePlatformProbesAndMetrics() {
        assertThat(api().get("/livez").status()).isEqualTo(200);
        assertThat(api().get("/readyz").text()).contains("UP");
        assertThat(api().get("/actuator/prometheus").text()).contains("service=\"psp-sim\"");
    }

    @Test
    void unknownRoutesAndMethodsAreProblems() {
        assertProblem(api().get("/v1/charges"), 404, "not-found");
        assertProblem(api().http().send("DELETE", "/v1/payments/pay_1", null, new byte[0]), 405, "method-not-allowed");
    }
}
