package dev.mercato.pspsim.payment;

import static dev.mercato.testsupport.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.pspsim.PspApi;
import dev.mercato.pspsim.PspSimIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BadInputIT extends PspSimIntegrationTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"token\":\"tok_ok\",\"amount\":0,\"currency\":\"EUR\",\"merchantReference\":\"o-1\"}|amount",
                "{\"token\":\"tok_ok\",\"amount\":-5,\"currency\":\"EUR\",\"merchantReference\":\"o-1\"}|amount",
                "{\"token\":\"tok_ok\",\"currency\":\"EUR\",\"merchantReference\":\"o-1\"}|amount",
                "{\"token\":\"tok_ok\",\"amount\":100000000000,\"currency\":\"EUR\",\"merchantReference\":\"o-1\"}|amount",
                "{\"token\":\"tok_ok\",\"amount\":5,\"currency\":\"eur\",\"merchantReference\":\"o-1\"}|currency",
                "{\"token\":\"tok_ok\",\"amount\":5,\"currency\":\"ABC\",\"merchantReference\":\"o-1\"}|currency",
                "{\"token\":\"tok_ok\",\"amount\":5,\"currency\":\"EUR\",\"merchantReference\":\"x' or 1=1 --\"}|merchantReference",
                "{\"token\":\"tok_ok\",\"amount\":5,\"currency\":\"EUR\"}|merchantReference",
                "{\"token\":\"\",\"amount\":5,\"currency\":\"EUR\",\"merchantReference\":\"o-1\"}|token"
            })
    void invalidFieldsAreNamed(String body, String field) {
        var problem = assertProblem(api().post("/v1/payments", PspApi.newKey(), body), 400, "validation");

        assertThat(problem.get("errors").findValuesAsString("field")).contains(field);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"token\":\"tok_ok\",\"amount\":10.5,\"currency\":\"EUR\",\"merchantReference\":\"o-1\"}",
                "{\"token\":\"tok_ok\",\"amount\":\"1000\",\"currency\":\"EUR\",\"merchantReference\":\"o-1\"}",
                "{\"token\":\"tok_ok\",\"amount\":5,\"currency\":\"EUR\",\"merchantReference\":\"o-1\",\"capture\":true}",
                "{\"token\":\"tok_ok\",",
                "[]"
            })
    void malformedBodiesAreRefused(String body) {
        assertProblem(api().post("/v1/payments", PspApi.newKey(), body), 400, "malformed-body");
    }

    @Test
    void refundAmountsMustBePositiveIntegers() {
        String id = api().authorize("tok_ok", 100, uniqueReference("order-"))
                .json()
                .get("id")
                .asString();
        api().capture(id);

        assertProblem(api().refund(id, 0L), 400, "validation");
        assertProblem(
                api().post("/v1/payments/" + id + "/refunds", PspApi.newKey(), "{\"amount\":1.5}"),
                400,
                "malformed-body");
        assertThat(api().get("/v1/payments/" + id).json().get("refundedAmount").asLong())
                .isZero();
    }

    @Test
    void wrongContentTypeIsRefused() {
        var response =
                api().http().send("POST", "/v1/payments", "text/plain", "hello".getBytes(), "Idempotency-Key", "k-1");

        assertProblem(response, 415, "unsupported-media-type");
    }
}
