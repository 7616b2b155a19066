package dev.mercato.payment.payment;

import dev.mercato.payment.domain.ProviderPayment;
import java.util.List;

/** Webhooks that arrived before we stored their payment, handed over (once) when we store it. */
public interface EarlyDeliveries {

    /** The stored snapshots of this provider payment, oldest version first, marked as applied. */
    List<ProviderPayment> claim(String providerPaymentId);
}
