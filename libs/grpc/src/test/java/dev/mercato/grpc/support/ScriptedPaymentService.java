package dev.mercato.grpc.support;

import dev.mercato.contracts.payment.v1.GetPaymentRequest;
import dev.mercato.contracts.payment.v1.PaymentResponse;
import dev.mercato.contracts.payment.v1.PaymentServiceGrpc;
import dev.mercato.grpc.server.GrpcCaller;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.dao.QueryTimeoutException;

/**
 * A gRPC service whose {@code GetPayment} behaves as its order id says, e.g. {@code unavailable-2:k} fails twice with
 * UNAVAILABLE then answers; it counts the attempts per order id.
 */
public class ScriptedPaymentService extends PaymentServiceGrpc.PaymentServiceImplBase {

    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    public int attempts(String orderId) {
        AtomicInteger count = attempts.get(orderId);
        return count == null ? 0 : count.get();
    }

    /** Calls to {@code gated:...} wait until {@link #open()}. */
    public void close() {
        gate = new CountDownLatch(1);
    }

    public void open() {
        gate.countDown();
    }

    @Override
    public void getPayment(GetPaymentRequest request, StreamObserver<PaymentResponse> answer) {
        String orderId = request.getOrderId();
        int attempt =
                attempts.computeIfAbsent(orderId, k -> new AtomicInteger()).incrementAndGet();
        String kind = orderId.contains(":") ? orderId.substring(0, orderId.indexOf(':')) : orderId;
        switch (kind) {
            case "caller" -> {}
            case "illegal" -> throw new IllegalArgumentException("order id is not a UUID");
            case "database" -> throw new QueryTimeoutException("statement timeout");
            case "bug" -> throw new IllegalStateException("secret internals");
            case "domain" -> throw new UnsupportedOperationException("a domain rule");
            case "thrown-not-found" ->
                throw Status.NOT_FOUND.withDescription("no payment").asRuntimeException();
            case "not-found" -> {
                answer.onError(Status.NOT_FOUND.withDescription("no payment").asRuntimeException());
                return;
            }
            case "precondition" -> {
                answer.onError(Status.FAILED_PRECONDITION.asRuntimeException());
                return;
            }
            case "internal" -> {
                answer.onError(Status.INTERNAL.asRuntimeException());
                return;
            }
            case "unavailable" -> {
                answer.onError(Status.UNAVAILABLE.asRuntimeException());
                return;
            }
            case "unavailable-2" -> {
                if (attempt <= 2) {
                    answer.onError(Status.UNAVAILABLE.asRuntimeException());
                    return;
                }
            }
            case "slow" -> sleep(600);
            case "gated" -> awaitGate();
            default ->
                throw Status.INVALID_ARGUMENT.withDescription("unknown script").asRuntimeException();
        }
        answer.onNext(PaymentResponse.newBuilder()
                .setOrderId(orderId)
                .setProviderPaymentId(GrpcCaller.find().orElse("nobody"))
                .build());
        answer.onCompleted();
    }

    private void awaitGate() {
        try {
            gate.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
