package dev.mercato.ordering.fake;

import dev.mercato.contracts.common.v1.Money;
import dev.mercato.contracts.payment.v1.AuthorizeRequest;
import dev.mercato.contracts.payment.v1.CaptureRequest;
import dev.mercato.contracts.payment.v1.GetPaymentRequest;
import dev.mercato.contracts.payment.v1.PaymentResponse;
import dev.mercato.contracts.payment.v1.PaymentServiceGrpc;
import dev.mercato.contracts.payment.v1.PaymentState;
import dev.mercato.contracts.payment.v1.RefundRequest;
import dev.mercato.contracts.payment.v1.VoidRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Payment as the contract describes it, in memory: idempotent per order, a decline is an answer. Token
 * {@code tok_decline} is declined. Counts the effects a provider would see ({@link #effects}).
 */
public final class FakePayment extends PaymentServiceGrpc.PaymentServiceImplBase {

    public final Faults faults = new Faults();
    private final Map<String, PaymentResponse> payments = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> effects = new ConcurrentHashMap<>();

    public PaymentState state(String orderId) {
        PaymentResponse p = payments.get(orderId);
        return p == null ? PaymentState.PAYMENT_STATE_UNSPECIFIED : p.getState();
    }

    /**
     * How often an operation changed the order's payment: {@code authorize}, {@code capture}, {@code void},
     * {@code refund}.
     */
    public int effects(String operation, java.util.UUID order) {
        AtomicInteger n = effects.get(operation + ":" + order);
        return n == null ? 0 : n.get();
    }

    public void reset() {
        faults.reset();
        payments.clear();
        effects.clear();
    }

    @Override
    public void authorize(AuthorizeRequest request, StreamObserver<PaymentResponse> response) {
        answer("Authorize", response, () -> {
            PaymentResponse existing = payments.get(request.getOrderId());
            if (existing != null) {
                if (existing.getAmount().getMinor() != request.getAmount().getMinor()) {
                    throw Status.FAILED_PRECONDITION
                            .withDescription("another amount")
                            .asRuntimeException();
                }
                return existing;
            }
            if (request.getPaymentToken().isEmpty() || request.getAmount().getMinor() <= 0) {
                throw Status.INVALID_ARGUMENT.asRuntimeException();
            }
            boolean declined = request.getPaymentToken().equals("tok_decline");
            PaymentResponse.Builder p = PaymentResponse.newBuilder()
                    .setOrderId(request.getOrderId())
                    .setAmount(request.getAmount())
                    .setProviderPaymentId("pay_" + request.getOrderId().substring(0, 8))
                    .setState(declined ? PaymentState.PAYMENT_STATE_DECLINED : PaymentState.PAYMENT_STATE_AUTHORIZED);
            if (declined) {
                p.setFailureCode("card_declined");
            }
            effect("authorize", request.getOrderId());
            return store(p.build());
        });
    }

    @Override
    public void capture(CaptureRequest request, StreamObserver<PaymentResponse> response) {
        answer("Capture", response, () -> {
            PaymentResponse p = existing(request.getOrderId());
            return switch (p.getState()) {
                case PAYMENT_STATE_AUTHORIZED -> {
                    effect("capture", p.getOrderId());
                    yield store(p.toBuilder()
                            .setState(PaymentState.PAYMENT_STATE_CAPTURED)
                            .setCapturedMinor(p.getAmount().getMinor())
                            .build());
                }
                case PAYMENT_STATE_CAPTURED, PAYMENT_STATE_PARTIALLY_REFUNDED, PAYMENT_STATE_REFUNDED -> p;
                default ->
                    throw Status.FAILED_PRECONDITION
                            .withDescription(p.getState().name())
                            .asRuntimeException();
            };
        });
    }

    @Override
    public void void_(VoidRequest request, StreamObserver<PaymentResponse> response) {
        answer("Void", response, () -> {
            PaymentResponse p = existing(request.getOrderId());
            return switch (p.getState()) {
                case PAYMENT_STATE_AUTHORIZED -> {
                    effect("void", p.getOrderId());
                    yield store(p.toBuilder()
                            .setState(PaymentState.PAYMENT_STATE_VOIDED)
                            .build());
                }
                case PAYMENT_STATE_VOIDED -> p;
                default ->
                    throw Status.FAILED_PRECONDITION
                            .withDescription(p.getState().name())
                            .asRuntimeException();
            };
        });
    }

    @Override
    public void refund(RefundRequest request, StreamObserver<PaymentResponse> response) {
        answer("Refund", response, () -> {
            PaymentResponse p = existing(request.getOrderId());
            return switch (p.getState()) {
                case PAYMENT_STATE_CAPTURED -> {
                    effect("refund", p.getOrderId());
                    yield store(p.toBuilder()
                            .setState(PaymentState.PAYMENT_STATE_REFUNDED)
                            .setRefundedMinor(p.getCapturedMinor())
                            .build());
                }
                case PAYMENT_STATE_REFUNDED -> p;
                default ->
                    throw Status.FAILED_PRECONDITION
                            .withDescription(p.getState().name())
                            .asRuntimeException();
            };
        });
    }

    @Override
    public void getPayment(GetPaymentRequest request, StreamObserver<PaymentResponse> response) {
        answer("GetPayment", response, () -> existing(request.getOrderId()));
    }

    private PaymentResponse existing(String orderId) {
        PaymentResponse p = payments.get(orderId);
        if (p == null) {
            throw Status.NOT_FOUND.asRuntimeException();
        }
        return p;
    }

    private PaymentResponse store(PaymentResponse p) {
        payments.put(p.getOrderId(), p);
        return p;
    }

    private void effect(String operation, String orderId) {
        effects.computeIfAbsent(operation + ":" + orderId, o -> new AtomicInteger())
                .incrementAndGet();
    }

    private void answer(String method, StreamObserver<PaymentResponse> response, Supplier<PaymentResponse> body) {
        if (!Fakes.enter(faults, method, response)) {
            return;
        }
        PaymentResponse answer;
        try {
            synchronized (this) {
                answer = body.get();
            }
        } catch (StatusRuntimeException e) {
            response.onError(e);
            return;
        }
        response.onNext(answer);
        response.onCompleted();
    }

    static Money money(long minor, String currency) {
        return Money.newBuilder().setMinor(minor).setCurrency(currency).build();
    }
}
