package dev.mercato.ordering.downstream;

import static dev.mercato.ordering.downstream.StatusClassifier.classify;
import static dev.mercato.ordering.downstream.StatusClassifier.code;
import static dev.mercato.ordering.downstream.StatusClassifier.describe;

import dev.mercato.contracts.common.v1.Money;
import dev.mercato.contracts.inventory.v1.CommitRequest;
import dev.mercato.contracts.inventory.v1.CommitResponse;
import dev.mercato.contracts.inventory.v1.InventoryServiceGrpc;
import dev.mercato.contracts.inventory.v1.Line;
import dev.mercato.contracts.inventory.v1.ReleaseRequest;
import dev.mercato.contracts.inventory.v1.ReservationState;
import dev.mercato.contracts.inventory.v1.ReserveRequest;
import dev.mercato.contracts.inventory.v1.ReserveResponse;
import dev.mercato.contracts.payment.v1.AuthorizeRequest;
import dev.mercato.contracts.payment.v1.CaptureRequest;
import dev.mercato.contracts.payment.v1.GetPaymentRequest;
import dev.mercato.contracts.payment.v1.PaymentResponse;
import dev.mercato.contracts.payment.v1.PaymentServiceGrpc;
import dev.mercato.contracts.payment.v1.PaymentState;
import dev.mercato.contracts.payment.v1.RefundRequest;
import dev.mercato.contracts.payment.v1.VoidRequest;
import dev.mercato.ordering.domain.SagaCalls;
import dev.mercato.ordering.domain.SagaOrder;
import dev.mercato.ordering.domain.StepOutcome;
import dev.mercato.ordering.domain.StepOutcome.Succeeded;
import dev.mercato.ordering.saga.SagaProperties;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The saga's calls to inventory and payment over gRPC, each with its deadline, classified into step outcomes. */
@Component
class GrpcSagaCalls implements SagaCalls {

    private static final Logger log = LoggerFactory.getLogger(GrpcSagaCalls.class);
    private static final Set<PaymentState> CAPTURED =
            EnumSet.of(PaymentState.PAYMENT_STATE_CAPTURED, PaymentState.PAYMENT_STATE_PARTIALLY_REFUNDED);

    private final DownstreamChannels channels;
    private final SagaProperties.CallTimeouts timeouts;

    GrpcSagaCalls(DownstreamChannels channels, SagaProperties properties) {
        this.channels = channels;
        this.timeouts = properties.callTimeout();
    }

    @Override
    public StepOutcome reserveStock(SagaOrder order) {
        return guarded("reserve stock", order, this::reserve);
    }

    @Override
    public StepOutcome authorizePayment(SagaOrder order) {
        return guarded("authorize payment", order, this::authorize);
    }

    @Override
    public StepOutcome capturePayment(SagaOrder order) {
        return guarded("capture payment", order, this::capture);
    }

    @Override
    public StepOutcome commitStock(SagaOrder order) {
        return guarded("commit stock", order, this::commit);
    }

    @Override
    public StepOutcome voidPayment(SagaOrder order) {
        return guarded("void payment", order, this::voidIt);
    }

    @Override
    public StepOutcome refundPayment(SagaOrder order) {
        return guarded("refund payment", order, this::refund);
    }

    @Override
    public StepOutcome releaseStock(SagaOrder order) {
        return guarded("release stock", order, this::release);
    }

    /** A gRPC status becomes the outcome it means; anything else unexpected is worth another try later. */
    private static StepOutcome guarded(String what, SagaOrder order, Function<SagaOrder, StepOutcome> call) {
        try {
            return call.apply(order);
        } catch (StatusRuntimeException e) {
            return classify(e);
        } catch (RuntimeException e) {
            log.warn("{} of order {} failed unexpectedly", what, order.id(), e);
            return new StepOutcome.Transient(e.toString());
        }
    }

    private InventoryServiceGrpc.InventoryServiceBlockingStub inventory() {
        return InventoryServiceGrpc.newBlockingStub(channels.channel("inventory"))
                .withDeadlineAfter(timeouts.inventory().toMillis(), TimeUnit.MILLISECONDS);
    }

    private PaymentServiceGrpc.PaymentServiceBlockingStub payment() {
        return PaymentServiceGrpc.newBlockingStub(channels.channel("payment"))
                .withDeadlineAfter(timeouts.payment().toMillis(), TimeUnit.MILLISECONDS);
    }

    private StepOutcome reserve(SagaOrder order) {
        ReserveRequest.Builder request =
                ReserveRequest.newBuilder().setOrderId(order.id().toString());
        order.lines()
                .forEach(l -> request.addLines(Line.newBuilder()
                        .setSku(l.sku())
                        .setQuantity(l.quantity())
                        .build()));
        ReserveResponse response = inventory().reserve(request.build());
        if (response.hasOutOfStock()) {
            return new StepOutcome.OutOfStock(response.getOutOfStock().getShortagesList().stream()
                    .map(s -> s.getSku() + " " + s.getAvailable() + "/" + s.getRequested())
                    .collect(Collectors.joining(", ")));
        }
        return Succeeded.NOTHING;
    }

    private StepOutcome commit(SagaOrder order) {
        try {
            CommitResponse response = inventory()
                    .commit(CommitRequest.newBuilder()
                            .setOrderId(order.id().toString())
                            .build());
            return response.getState() == ReservationState.RESERVATION_STATE_COMMITTED
                    ? Succeeded.NOTHING
                    : new StepOutcome.ReservationLost("commit answered " + response.getState());
        } catch (StatusRuntimeException e) {
            if (code(e) == Status.Code.FAILED_PRECONDITION || code(e) == Status.Code.NOT_FOUND) {
                return new StepOutcome.ReservationLost(describe(e));
            }
            throw e;
        }
    }

    private StepOutcome release(SagaOrder order) {
        try {
            inventory()
                    .release(ReleaseRequest.newBuilder()
                            .setOrderId(order.id().toString())
                            .build());
            return Succeeded.NOTHING;
        } catch (StatusRuntimeException e) {
            if (code(e) == Status.Code.FAILED_PRECONDITION || code(e) == Status.Code.NOT_FOUND) {
                log.warn("release of order {} refused ({}): nothing left to release", order.id(), describe(e));
                return Succeeded.NOTHING;
            }
            throw e;
        }
    }

    private StepOutcome authorize(SagaOrder order) {
        if (order.paymentToken() == null) {
            return new StepOutcome.Rejected("the payment token was already erased");
        }
        PaymentResponse response = payment()
                .authorize(AuthorizeRequest.newBuilder()
                        .setOrderId(order.id().toString())
                        .setAmount(Money.newBuilder()
                                .setMinor(order.total().minor())
                                .setCurrency(order.total().currency()))
                        .setPaymentToken(order.paymentToken())
                        .build());
        return switch (response.getState()) {
            case PAYMENT_STATE_AUTHORIZED, PAYMENT_STATE_CAPTURED, PAYMENT_STATE_PARTIALLY_REFUNDED ->
                new Succeeded(response.getProviderPaymentId());
            case PAYMENT_STATE_DECLINED -> new StepOutcome.Declined(response.getFailureCode());
            default -> new StepOutcome.Rejected("authorize answered " + response.getState());
        };
    }

    private StepOutcome capture(SagaOrder order) {
        PaymentResponse response = payment()
                .capture(CaptureRequest.newBuilder()
                        .setOrderId(order.id().toString())
                        .build());
        return CAPTURED.contains(response.getState())
                ? new Succeeded(response.getProviderPaymentId())
                : new StepOutcome.Rejected("capture answered " + response.getState());
    }

    private StepOutcome voidIt(SagaOrder order) {
        try {
            PaymentResponse response = payment()
                    .void_(VoidRequest.newBuilder()
                            .setOrderId(order.id().toString())
                            .build());
            return CAPTURED.contains(response.getState()) ? new StepOutcome.NeedsRefund() : Succeeded.NOTHING;
        } catch (StatusRuntimeException e) {
            return switch (code(e)) {
                case NOT_FOUND -> Succeeded.NOTHING; // never authorized
                case FAILED_PRECONDITION -> afterRefusal(order, false);
                default -> throw e;
            };
        }
    }

    private StepOutcome refund(SagaOrder order) {
        try {
            payment()
                    .refund(RefundRequest.newBuilder()
                            .setOrderId(order.id().toString())
                            .setRefundId(order.id().refundId().toString())
                            .build());
            return Succeeded.NOTHING;
        } catch (StatusRuntimeException e) {
            return switch (code(e)) {
                case NOT_FOUND -> Succeeded.NOTHING;
                case FAILED_PRECONDITION -> afterRefusal(order, true);
                default -> throw e;
            };
        }
    }

    /** Void or refund was refused for the payment's state: read it to learn which compensation it needs. */
    private StepOutcome afterRefusal(SagaOrder order, boolean wasRefund) {
        PaymentResponse payment;
        try {
            payment = payment()
                    .getPayment(GetPaymentRequest.newBuilder()
                            .setOrderId(order.id().toString())
                            .build());
        } catch (StatusRuntimeException e) {
            if (code(e) == Status.Code.NOT_FOUND) {
                return Succeeded.NOTHING;
            }
            return new StepOutcome.Transient(describe(e));
        }
        PaymentState state = payment.getState();
        if (CAPTURED.contains(state)) {
            return wasRefund
                    ? new StepOutcome.Transient("refund refused for a payment in state " + state)
                    : new StepOutcome.NeedsRefund();
        }
        if (state == PaymentState.PAYMENT_STATE_AUTHORIZED) {
            return wasRefund
                    ? new StepOutcome.NeedsVoid()
                    : new StepOutcome.Transient("void refused for a payment in state " + state);
        }
        return Succeeded.NOTHING; // declined, voided or refunded: nothing held any more
    }
}
