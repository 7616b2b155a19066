package dev.mercato.payment.payment;

import dev.mercato.payment.domain.PaymentProvider.ProviderRefused;
import dev.mercato.payment.domain.PaymentProvider.ProviderUnavailable;
import dev.mercato.payment.domain.PaymentRejected;
import io.grpc.Status;
import io.grpc.StatusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;
import org.springframework.stereotype.Component;

/**
 * The payment domain's failures as gRPC statuses (mercato/payment/v1/payment.proto); everything else is left to
 * libs/grpc's mapping. UNAVAILABLE means the outcome is unknown: the saga retries with the same request.
 */
@Component
@Order(0)
class PaymentGrpcErrors implements GrpcExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(PaymentGrpcErrors.class);

    @Override
    public StatusException handleException(Throwable exception) {
        StatusException status = map(exception);
        if (status != null) {
            log.info("gRPC call failed with {}: {}", status.getStatus().getCode(), exception.getMessage());
        }
        return status;
    }

    static StatusException map(Throwable exception) {
        return switch (exception) {
            case PaymentRejected e ->
                Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asException();
            case Payments.UnknownPayment e ->
                Status.NOT_FOUND.withDescription(e.getMessage()).asException();
            case ProviderUnavailable e ->
                Status.UNAVAILABLE
                        .withDescription("payment provider unavailable, retry with the same request")
                        .asException();
            case ProviderRefused e ->
                Status.FAILED_PRECONDITION
                        .withDescription("the payment provider refused: " + e.getMessage())
                        .asException();
            default -> null;
        };
    }
}
