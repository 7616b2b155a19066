package dev.mercato.payment.provider;

import dev.mercato.payment.domain.Money;
import dev.mercato.payment.domain.PaymentStatus;
import dev.mercato.payment.domain.ProviderPayment;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Reads the provider's payment representation (API responses and the {@code data.payment} of webhooks). */
public final class PspJson {

    private PspJson() {}

    public static ProviderPayment payment(JsonNode json) {
        List<ProviderPayment.ProviderRefund> refunds = new ArrayList<>();
        JsonNode list = json.path("refunds");
        for (JsonNode refund : list) {
            refunds.add(new ProviderPayment.ProviderRefund(
                    refund.get("id").asString(), refund.get("amount").asLong()));
        }
        JsonNode failure = json.get("failureCode");
        return new ProviderPayment(
                json.get("id").asString(),
                PaymentStatus.fromProvider(json.get("status").asString()),
                Money.of(json.get("amount").asLong(), json.get("currency").asString()),
                json.get("merchantReference").asString(),
                json.path("capturedAmount").asLong(),
                json.path("refundedAmount").asLong(),
                failure == null || failure.isNull() ? null : failure.asString(),
                refunds,
                json.get("version").asInt());
    }
}
