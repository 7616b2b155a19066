package dev.mercato.pspsim.payment;

import dev.mercato.pspsim.idempotency.IdempotencyKeys;
import dev.mercato.web.problem.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The provider API the payment service calls: authorize, capture, void, refund, and reads for reconciliation. */
@RestController
@RequestMapping("/v1/payments")
class PaymentController {

    record PaymentList(List<PaymentView> items) {}

    private final PaymentOperations operations;
    private final PaymentRepository payments;

    PaymentController(PaymentOperations operations, PaymentRepository payments) {
        this.operations = operations;
        this.payments = payments;
    }

    @PostMapping
    ResponseEntity<String> authorize(
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key,
            @Valid @RequestBody AuthorizeRequest request) {
        return operations.authorize(IdempotencyKeys.require(key), request);
    }

    @PostMapping("/{id}/capture")
    ResponseEntity<String> capture(
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key, @PathVariable String id) {
        return operations.capture(IdempotencyKeys.require(key), id);
    }

    @PostMapping("/{id}/void")
    ResponseEntity<String> voidAuthorization(
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key, @PathVariable String id) {
        return operations.voidAuthorization(IdempotencyKeys.require(key), id);
    }

    @PostMapping("/{id}/refunds")
    ResponseEntity<String> refund(
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key,
            @PathVariable String id,
            @Valid @RequestBody(required = false) RefundRequest request) {
        return operations.refund(IdempotencyKeys.require(key), id, request);
    }

    @GetMapping("/{id}")
    PaymentView get(@PathVariable String id) {
        return payments.find(id).map(PaymentView::of).orElseThrow(() -> ProblemException.notFound("Payment", id));
    }

    @GetMapping
    PaymentList byMerchantReference(@RequestParam @NotBlank @Size(max = 128) String merchantReference) {
        return new PaymentList(payments.findByMerchantReference(merchantReference).stream()
                .map(PaymentView::of)
                .toList());
    }
}
