package dev.mercato.pspsim.payment;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * @param amount in the currency's minor units (cents), as a JSON integer
 * @param currency an ISO 4217 code in upper case
 * @param merchantReference the merchant's own id for what is paid, e.g. the order id
 */
record AuthorizeRequest(
        @NotBlank @Size(max = 64) String token,
        @NotNull @Positive @Max(MAX_AMOUNT) Long amount,

        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an upper-case ISO 4217 code")
        String currency,

        @NotBlank
        @Size(max = 128)
        @Pattern(regexp = "[A-Za-z0-9._:/-]+", message = "may contain only letters, digits and . _ : / -")
        String merchantReference) {

    static final long MAX_AMOUNT = 99_999_999_999L;
}
