package dev.mercato.pspsim.payment.domain;

/** A state change the payment's current state does not allow, e.g. capturing a voided payment. */
public class IllegalTransition extends RuntimeException {

    public IllegalTransition(String message) {
        super(message, null, false, false);
    }
}
