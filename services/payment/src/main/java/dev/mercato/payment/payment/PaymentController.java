package dev.mercato.payment.payment;

import dev.mercato.payment.domain.OrderId;
import dev.mercato.payment.domain.Payment;
import dev.mercato.web.problem.ProblemException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Operators look up the payment of an order, with its log of provider operations. */
@RestController
@PreAuthorize("hasRole('ADMIN')")
class PaymentController {

    private final Payments payments;
    private final PaymentRepository repository;

    PaymentController(Payments payments, PaymentRepository repository) {
        this.payments = payments;
        this.repository = repository;
    }

    @GetMapping("/v1/payments/{orderId}")
    Map<String, Object> get(@PathVariable UUID orderId) {
        OrderId order = new OrderId(orderId);
        Payment payment = payments.get(order).orElseThrow(() -> ProblemException.notFound("payment of order", orderId));
        List<Operation> operations = repository.operations(order);
        return Map.of(
                "payment",
                PaymentEvents.body(new dev.mercato.payment.domain.PaymentEvent.Authorized(payment)),
                "operations",
                operations);
    }
}
