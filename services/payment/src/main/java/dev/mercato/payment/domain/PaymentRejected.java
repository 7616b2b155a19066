package dev.mercato.payment.domain;

/** A command the payment's state does not allow (void after capture, refund beyond what was captured...). */
public class PaymentRejected extends RuntimeException {

    public PaymentRejected(String message) {
        super(message, null, false, false);
    }
}
