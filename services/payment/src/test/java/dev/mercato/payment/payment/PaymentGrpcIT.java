package dev.mercato.payment.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.contracts.common.v1.Money;
import dev.mercato.contracts.payment.v1.AuthorizeRequest;
import dev.mercato.contracts.payment.v1.CaptureRequest;
import dev.mercato.contracts.payment.v1.GetPaymentRequest;
import dev.mercato.contracts.payment.v1.PaymentResponse;
import dev.mercato.contracts.payment.v1.PaymentServiceGrpc;
import dev.mercato.contracts.payment.v1.PaymentState;
import dev.mercato.contracts.payment.v1.RefundRequest;
import dev.mercato.contracts.payment.v1.VoidRequest;
import dev.mercato.payment.PaymentIntegrationTest;
import dev.mercato.payment.PspSim;
import dev.mercato.payment.domain.OrderId;
import dev.mercato.payment.domain.PaymentProvider;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The checkout saga's view: mercato.payment.v1 over real gRPC on the service's own gRPC port, with service tokens
 * from the test identity, against the real psp-sim.
 */
class PaymentGrpcIT extends PaymentIntegrationTest {

    @Autowired
    PaymentProvider provider;

    ManagedChannel channel;
    PaymentServiceGrpc.PaymentServiceBlockingStub saga;

    @BeforeEach
    void connect() {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", GRPC_PORT)
                .usePlaintext()
                .build();
        saga = stub(IDENTITY.serviceToken("ordering", "payment"));
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    PaymentServiceGrpc.PaymentServiceBlockingStub stub(String token) {
        var stub = PaymentServiceGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
        if (token == null) {
            return stub;
        }
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    static AuthorizeRequest authorizeRequest(OrderId order, long minor, String currency, String token) {
        return AuthorizeRequest.newBuilder()
                .setOrderId(order.toString())
                .setAmount(Money.newBuilder().setMinor(minor).setCurrency(currency))
                .setPaymentToken(token)
                .build();
    }

    static AuthorizeRequest authorizeRequest(OrderId order, String token) {
        return authorizeRequest(order, 2599, "EUR", token);
    }

    static CaptureRequest capture(OrderId order) {
        return CaptureRequest.newBuilder().setOrderId(order.toString()).build();
    }

    static Status statusOf(Supplier<PaymentResponse> call) {
        try {
            PaymentResponse unexpected = call.get();
            throw new AssertionError("expected an error status, got " + unexpected);
        } catch (StatusRuntimeException e) {
            return e.getStatus();
        }
    }

    @Test
    void authorizesAndReplaysIdempotentlyWithOneProviderPayment() {
        OrderId order = newOrder();

        PaymentResponse first = saga.authorize(authorizeRequest(order, "tok_ok"));
        PaymentResponse replay = saga.authorize(authorizeRequest(order, "tok_ok"));

        assertThat(first.getState()).isEqualTo(PaymentState.PAYMENT_STATE_AUTHORIZED);
        assertThat(first.getOrderId()).isEqualTo(order.toString());
        assertThat(first.getAmount().getMinor()).isEqualTo(2599);
        assertThat(first.getAmount().getCurrency()).isEqualTo("EUR");
        assertThat(first.getProviderPaymentId()).isNotBlank();
        assertThat(replay).isEqualTo(first);
        assertThat(provider.findByMerchantReference(order.merchantReference())).hasSize(1);
        assertThat(saga.getPayment(GetPaymentRequest.newBuilder()
                                .setOrderId(order.toString())
                                .build())
                        .getState())
                .isEqualTo(PaymentState.PAYMENT_STATE_AUTHORIZED);
    }

    @Test
    void aDeclineIsAnAnswerNotAnError() {
        OrderId order = newOrder();

        PaymentResponse declined = saga.authorize(authorizeRequest(order, "tok_decline"));

        assertThat(declined.getState()).isEqualTo(PaymentState.PAYMENT_STATE_DECLINED);
        assertThat(declined.getFailureCode()).isEqualTo("card_declined");
        assertThat(statusOf(() -> saga.capture(capture(order))).getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    }

    @Test
    void aTokenTheProviderRefusesIsDeclinedToo() {
        PaymentResponse refused = saga.authorize(authorizeRequest(newOrder(), "tok_nobody_knows"));

        assertThat(refused.getState()).isEqualTo(PaymentState.PAYMENT_STATE_DECLINED);
        assertThat(refused.getFailureCode()).isEqualTo(PaymentGrpcService.PROVIDER_REFUSED);
    }

    @Test
    void capturesOnceAndRefundsPerRefundId() {
        OrderId order = newOrder();
        saga.authorize(authorizeRequest(order, "tok_ok"));

        PaymentResponse captured = saga.capture(capture(order));
        assertThat(captured.getState()).isEqualTo(PaymentState.PAYMENT_STATE_CAPTURED);
        assertThat(captured.getCapturedMinor()).isEqualTo(2599);
        assertThat(saga.capture(capture(order))).isEqualTo(captured);

        var refund = RefundRequest.newBuilder()
                .setOrderId(order.toString())
                .setRefundId(UUID.randomUUID().toString())
                .setAmountMinor(1000)
                .build();
        PaymentResponse partly = saga.refund(refund);
        assertThat(partly.getState()).isEqualTo(PaymentState.PAYMENT_STATE_PARTIALLY_REFUNDED);
        assertThat(partly.getRefundedMinor()).isEqualTo(1000);
        assertThat(saga.refund(refund).getRefundedMinor())
                .as("same refund id, same refund")
                .isEqualTo(1000);

        assertThat(statusOf(() -> saga.refund(refund.toBuilder()
                                .setRefundId(UUID.randomUUID().toString())
                                .setAmountMinor(5000)
                                .build()))
                        .getCode())
                .as("more than is refundable")
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
        PaymentResponse rest = saga.refund(refund.toBuilder()
                .setRefundId(UUID.randomUUID().toString())
                .setAmountMinor(0)
                .build());
        assertThat(rest.getState()).isEqualTo(PaymentState.PAYMENT_STATE_REFUNDED);
        assertThat(rest.getRefundedMinor()).isEqualTo(2599);
        assertThat(statusOf(() -> saga.void_(VoidRequest.newBuilder()
                                .setOrderId(order.toString())
                                .build()))
                        .getCode())
                .as("void after capture")
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
    }

    @Test
    void voidsAnAuthorizationWhichThenCannotBeCaptured() {
        OrderId order = newOrder();
        saga.authorize(authorizeRequest(order, "tok_ok"));
        var voidRequest = VoidRequest.newBuilder().setOrderId(order.toString()).build();

        assertThat(saga.void_(voidRequest).getState()).isEqualTo(PaymentState.PAYMENT_STATE_VOIDED);
        assertThat(saga.void_(voidRequest).getState()).isEqualTo(PaymentState.PAYMENT_STATE_VOIDED);
        assertThat(statusOf(() -> saga.capture(capture(order))).getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    }

    @Test
    void authorizingAgainWithAnotherAmountIsAFailedPrecondition() {
        OrderId order = newOrder();
        saga.authorize(authorizeRequest(order, "tok_ok"));

        assertThat(statusOf(() -> saga.authorize(authorizeRequest(order, 1000, "EUR", "tok_ok")))
                        .getCode())
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
    }

    @Test
    void ordersNeverAuthorizedAreNotFound() {
        OrderId order = newOrder();

        assertThat(statusOf(() -> saga.capture(capture(order))).getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(statusOf(() -> saga.getPayment(GetPaymentRequest.newBuilder()
                                .setOrderId(order.toString())
                                .build()))
                        .getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(statusOf(() -> saga.refund(RefundRequest.newBuilder()
                                .setOrderId(order.toString())
                                .setRefundId(UUID.randomUUID().toString())
                                .build()))
                        .getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void malformedRequestsAreInvalidArguments() {
        OrderId order = newOrder();

        assertThat(statusOf(() -> saga.capture(
                                CaptureRequest.newBuilder().setOrderId("42").build()))
                        .getCode())
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(statusOf(() -> saga.authorize(authorizeRequest(order, 0, "EUR", "tok_ok")))
                        .getCode())
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(statusOf(() -> saga.authorize(authorizeRequest(order, 100, "QQQ", "tok_ok")))
                        .getCode())
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(statusOf(() -> saga.authorize(authorizeRequest(order, 100, "EUR", "")))
                        .getCode())
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(statusOf(() -> saga.refund(RefundRequest.newBuilder()
                                .setOrderId(order.toString())
                                .setRefundId("not-a-uuid")
                                .build()))
                        .getCode())
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(provider.findByMerchantReference(order.merchantReference())).isEmpty();
    }

    @Test
    void onlyServiceTokensForPaymentGetIn() {
        var request = authorizeRequest(newOrder(), "tok_ok");

        assertThat(statusOf(() -> stub(null).authorize(request)).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(statusOf(() -> stub(IDENTITY.rogueToken()).authorize(request))
                        .getCode())
                .isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(statusOf(() -> stub(IDENTITY.token("ADMIN")).authorize(request))
                        .getCode())
                .as("a user's token")
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(statusOf(() -> stub(IDENTITY.serviceToken("ordering", "inventory"))
                                .authorize(request))
                        .getCode())
                .as("a service token for another service")
                .isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void aProviderThatIsDownIsUnavailableAndTheRetryLaterHasOneEffect() {
        OrderId order = newOrder();
        PspSim.faults(0, 1.0);

        Status down = statusOf(() -> saga.authorize(authorizeRequest(order, "tok_ok")));

        assertThat(down.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        PspSim.resetFaults();
        assertThat(saga.authorize(authorizeRequest(order, "tok_ok")).getState())
                .isEqualTo(PaymentState.PAYMENT_STATE_AUTHORIZED);
        assertThat(provider.findByMerchantReference(order.merchantReference())).hasSize(1);
    }
}
