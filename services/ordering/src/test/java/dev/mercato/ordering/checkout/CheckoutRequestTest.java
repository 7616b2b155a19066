package dev.mercato.ordering.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercato.ordering.idempotency.IdempotencyKey;
import dev.mercato.web.problem.FieldError;
import dev.mercato.web.problem.ProblemException;
import org.junit.jupiter.api.Test;

class CheckoutRequestTest {

    private static final CheckoutRequest.ShippingAddress ADDRESS =
            new CheckoutRequest.ShippingAddress("Ada Lovelace", "Via Roma 1", null, "Milano", "20121", "IT");

    @Test
    void acceptsACompleteRequest() {
        assertThat(new CheckoutRequest(ADDRESS, "tok_ok").problems()).isEmpty();
    }

    @Test
    void namesEveryMissingOrInvalidField() {
        var address = new CheckoutRequest.ShippingAddress(" ", null, "x".repeat(201), "Milano", "", "XX");

        assertThat(new CheckoutRequest(address, "").problems())
                .extracting(FieldError::field)
                .containsExactly(
                        "shippingAddress.name",
                        "shippingAddress.line1",
                        "shippingAddress.line2",
                        "shippingAddress.postalCode",
                        "shippingAddress.country",
                        "paymentToken");
        assertThat(new CheckoutRequest(null, "t".repeat(256)).problems())
                .extracting(FieldError::field)
                .containsExactly("shippingAddress", "paymentToken");
    }

    @Test
    void requiresCountryAsAnUpperCaseAlpha2Code() {
        var lower = new CheckoutRequest.ShippingAddress("A", "B", null, "C", "1", "it");

        assertThat(new CheckoutRequest(lower, "tok_ok").problems())
                .extracting(FieldError::field)
                .containsExactly("shippingAddress.country");
    }

    @Test
    void boundsTheIdempotencyKey() {
        assertThat(IdempotencyKey.of("k").value()).isEqualTo("k");
        assertThat(IdempotencyKey.of("k".repeat(255)).value()).hasSize(255);
        assertThatThrownBy(() -> IdempotencyKey.of("")).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> IdempotencyKey.of(null)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> IdempotencyKey.of("k".repeat(256))).isInstanceOf(ProblemException.class);
    }
}
