package dev.mercato.payment.domain;

/** What changed in a payment, each one published as an integration event ({@code payment.<type>} v1). */
public sealed interface PaymentEvent {

    Payment payment();

    String type();

    record Authorized(Payment payment) implements PaymentEvent {
        public String type() {
            return "payment.authorized";
        }
    }

    record Declined(Payment payment) implements PaymentEvent {
        public String type() {
            return "payment.declined";
        }
    }

    record Captured(Payment payment) implements PaymentEvent {
        public String type() {
            return "payment.captured";
        }
    }

    record Voided(Payment payment) implements PaymentEvent {
        public String type() {
            return "payment.voided";
        }
    }

    /** @param refunded what this change refunded (the increase of the refunded total) */
    record Refunded(Payment payment, Money refunded, String providerRefundId) implements PaymentEvent {
        public String type() {
            return "payment.refunded";
        }
    }
}
