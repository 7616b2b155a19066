package dev.mercato.payment.payment;

import dev.mercato.contracts.payment.v1.AuthorizeRequest;
import dev.mercato.contracts.payment.v1.CaptureRequest;
import dev.mercato.contracts.payment.v1.GetPaymentRequest;
import dev.mercato.contracts.payment.v1.PaymentResponse;
import dev.mercato.contracts.payment.v1.PaymentServiceGrpc;
import dev.mercato.contracts.payment.v1.PaymentState;
import dev.mercato.contracts.payment.v1.RefundRequest;
import dev.mercato.contracts.payment.v1.VoidRequest;
import dev.mercato.grpc.server.GrpcCaller;
import dev.mercato.payment.domain.Money;
import dev.mercato.payment.domain.OrderId;
import dev.mercato.payment.domain.Payment;
import dev.mercato.payment.domain.PaymentProvider.ProviderRefused;
import dev.mercato.payment.domain.PaymentStatus;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.Currency;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * {@code mercato.payment.v1.PaymentService} over {@link Payments}, for the checkout saga (service tokens for audience
 * {@code payment}, checked by libs/grpc). Bad input is INVALID_ARGUMENT here; the domain's failures are mapped by
 * {@link PaymentGrpcErrors}. A decline is an answer (state DECLINED), as is an authorization the provider refused
 * (an unusable payment token): both are final, nothing to retry.
 */
@Service
class PaymentGrpcService extends PaymentServiceGrpc.PaymentServiceImplBase {

    private static final Logger log = LoggerFactory.getLogger(PaymentGrpcService.class);
    static final String PROVIDER_REFUSED = "provider_refused";

    private final Payments payments;

    PaymentGrpcService(Payments payments) {
        this.payments = payments;
    }

    @Override
    public void authorize(AuthorizeRequest request, StreamObserver<PaymentResponse> answer) {
        respond(answer, () -> {
            OrderId order = orderId(request.getOrderId());
            Money amount = amount(request);
            String token = request.getPaymentToken();
            if (token.isBlank() || token.length() > 255) {
                throw invalid("payment_token must have 1 to 255 characters");
            }
            log.debug(
                    "Authorize order {} for {} (caller {})",
                    order,
                    amount,
                    GrpcCaller.find().orElse("?"));
            try {
                return response(payments.authorize(new Payments.Authorize(order, amount, token)));
            } catch (ProviderRefused refused) {
                return PaymentResponse.newBuilder()
                        .setOrderId(order.toString())
                        .setState(PaymentState.PAYMENT_STATE_DECLINED)
                        .setAmount(money(amount))
                        .setFailureCode(PROVIDER_REFUSED)
                        .build();
            }
        });
    }

    @Override
    public void capture(CaptureRequest request, StreamObserver<PaymentResponse> answer) {
        respond(answer, () -> response(payments.capture(orderId(request.getOrderId()))));
    }

    @Override
    public void void_(VoidRequest request, StreamObserver<PaymentResponse> answer) {
        respond(answer, () -> response(payments.voidPayment(orderId(request.getOrderId()))));
    }

    @Override
    public void refund(RefundRequest request, StreamObserver<PaymentResponse> answer) {
        respond(answer, () -> {
            OrderId order = orderId(request.getOrderId());
            UUID refundId = uuid(request.getRefundId(), "refund_id");
            if (request.getAmountMinor() < 0) {
                throw invalid("amount_minor must not be negative");
            }
            Long amount = request.getAmountMinor() == 0 ? null : request.getAmountMinor();
            return response(payments.refund(new Payments.Refund(order, refundId, amount)));
        });
    }

    @Override
    public void getPayment(GetPaymentRequest request, StreamObserver<PaymentResponse> answer) {
        respond(answer, () -> {
            OrderId order = orderId(request.getOrderId());
            return response(payments.get(order).orElseThrow(() -> new Payments.UnknownPayment(order)));
        });
    }

    private static void respond(StreamObserver<PaymentResponse> answer, Supplier<PaymentResponse> call) {
        answer.onNext(call.get()); // exceptions are mapped by PaymentGrpcErrors and libs/grpc
        answer.onCompleted();
    }

    static PaymentResponse response(Payment payment) {
        var response = PaymentResponse.newBuilder()
                .setOrderId(payment.orderId().toString())
                .setState(state(payment.status()))
                .setAmount(money(payment.amount()))
                .setCapturedMinor(payment.captured().minor())
                .setRefundedMinor(payment.refunded().minor());
        if (payment.providerPaymentId() != null) {
            response.setProviderPaymentId(payment.providerPaymentId());
        }
        if (payment.failureCode() != null) {
            response.setFailureCode(payment.failureCode());
        }
        return response.build();
    }

    static PaymentState state(PaymentStatus status) {
        return switch (status) {
            case AUTHORIZED -> PaymentState.PAYMENT_STATE_AUTHORIZED;
            case DECLINED -> PaymentState.PAYMENT_STATE_DECLINED;
            case CAPTURED -> PaymentState.PAYMENT_STATE_CAPTURED;
            case VOIDED -> PaymentState.PAYMENT_STATE_VOIDED;
            case PARTIALLY_REFUNDED -> PaymentState.PAYMENT_STATE_PARTIALLY_REFUNDED;
            case REFUNDED -> PaymentState.PAYMENT_STATE_REFUNDED;
        };
    }

    private static dev.mercato.contracts.common.v1.Money money(Money amount) {
        return dev.mercato.contracts.common.v1.Money.newBuilder()
                .setMinor(amount.minor())
                .setCurrency(amount.currency())
                .build();
    }

    static OrderId orderId(String value) {
        return new OrderId(uuid(value, "order_id"));
    }

    private static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw invalid(field + " must be a UUID");
        }
    }

    static Money amount(AuthorizeRequest request) {
        if (!request.hasAmount() || request.getAmount().getMinor() <= 0) {
            throw invalid("amount must be greater than 0");
        }
        String currency = request.getAmount().getCurrency();
        try {
            if (!currency.equals(Currency.getInstance(currency).getCurrencyCode())) {
                throw invalid("unknown currency " + currency);
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            throw invalid("unknown currency " + currency);
        }
        return Money.of(request.getAmount().getMinor(), currency);
    }

    private static RuntimeException invalid(String description) {
        return Status.INVALID_ARGUMENT.withDescription(description).asRuntimeException();
    }
}
