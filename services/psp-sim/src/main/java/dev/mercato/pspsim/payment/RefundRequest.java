package dev.mercato.pspsim.payment;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;

/** @param amount minor units to refund; absent means everything still refundable */
record RefundRequest(
        @Positive @Max(AuthorizeRequest.MAX_AMOUNT) Long amount) {}
