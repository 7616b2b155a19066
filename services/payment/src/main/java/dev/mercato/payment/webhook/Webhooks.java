package dev.mercato.payment.webhook;

import dev.mercato.payment.domain.Payment;
import dev.mercato.payment.payment.PaymentRepository;
import dev.mercato.payment.payment.Payments;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies a verified webhook once: the event id row, the payment's change and its events commit in one transaction.
 * A delivery older than what we know is recorded and ignored; one for a payment we have not stored yet is kept
 * (UNMATCHED) and applied when the payment is stored or by reconciliation.
 */
@Service
class Webhooks {

    enum Outcome {
        APPLIED,
        STALE,
        UNMATCHED,
        DUPLICATE
    }

    private final WebhookRepository webhooks;
    private final PaymentRepository paymentRepository;
    private final Payments payments;

    Webhooks(WebhookRepository webhooks, PaymentRepository paymentRepository, Payments payments) {
        this.webhooks = webhooks;
        this.paymentRepository = paymentRepository;
        this.payments = payments;
    }

    /**
     * Locks the payment first and records the event with its outcome in one insert: a stale delivery (the usual one:
     * the synchronous call already applied what it says) costs two statements. A duplicate waits on the payment's lock
     * until the first delivery commits, and then finds its event id taken.
     */
    @Transactional
    Outcome receive(WebhookEvent event) {
        Optional<Payment> payment =
                paymentRepository.lockByProviderId(event.payment().id());
        Outcome outcome;
        if (payment.isEmpty()) {
            outcome = Outcome.UNMATCHED;
        } else if (event.payment().version() <= payment.get().providerVersion()) {
            outcome = Outcome.STALE;
        } else {
            outcome = Outcome.APPLIED;
        }
        if (!webhooks.insert(event, outcome.name())) {
            return Outcome.DUPLICATE;
        }
        if (outcome == Outcome.APPLIED) {
            payments.apply(payment.get(), List.of(event.payment()));
        }
        return outcome;
    }
}
