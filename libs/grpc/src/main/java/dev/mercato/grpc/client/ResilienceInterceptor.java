package dev.mercato.grpc.client;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A circuit breaker and a bulkhead around each call of a target (after grpc-java's retries, so one logical call is one
 * outcome). An open breaker or a full bulkhead fails the call at once with UNAVAILABLE.
 */
public final class ResilienceInterceptor implements ClientInterceptor {

    /** Outcomes that say the target is unhealthy; every other status is an answer. */
    public static final Set<Status.Code> FAILURES = EnumSet.of(
            Status.Code.UNAVAILABLE,
            Status.Code.DEADLINE_EXCEEDED,
            Status.Code.RESOURCE_EXHAUSTED,
            Status.Code.INTERNAL,
            Status.Code.UNKNOWN);

    private final CircuitBreaker breaker;
    private final Bulkhead bulkhead;

    public ResilienceInterceptor(CircuitBreaker breaker, Bulkhead bulkhead) {
        this.breaker = breaker;
        this.bulkhead = bulkhead;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new GuardedCall<>(next.newCall(method, options));
    }

    private final class GuardedCall<Q, R> extends ClientCall<Q, R> {

        private final ClientCall<Q, R> delegate;
        private volatile boolean admitted;

        GuardedCall(ClientCall<Q, R> delegate) {
            this.delegate = delegate;
        }

        @Override
        public void start(Listener<R> listener, Metadata headers) {
            if (!breaker.tryAcquirePermission()) {
                listener.onClose(
                        Status.UNAVAILABLE.withDescription("circuit breaker " + breaker.getName() + " is open"),
                        new Metadata());
                return;
            }
            if (!bulkhead.tryAcquirePermission()) {
                breaker.releasePermission();
                listener.onClose(
                        Status.UNAVAILABLE.withDescription("bulkhead " + bulkhead.getName() + " is full"),
                        new Metadata());
                return;
            }
            admitted = true;
            long started = System.nanoTime();
            delegate.start(
                    new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                        @Override
                        public void onClose(Status status, Metadata trailers) {
                            bulkhead.onComplete();
                            long elapsed = System.nanoTime() - started;
                            if (FAILURES.contains(status.getCode())) {
                                breaker.onError(elapsed, TimeUnit.NANOSECONDS, status.asRuntimeException());
                            } else if (status.getCode() == Status.Code.CANCELLED) {
                                breaker.releasePermission(); // the caller gave up: says nothing about the target
                            } else {
                                breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
                            }
                            super.onClose(status, trailers);
                        }
                    },
                    headers);
        }

        @Override
        public void request(int numMessages) {
            if (admitted) {
                delegate.request(numMessages);
            }
        }

        @Override
        public void cancel(String message, Throwable cause) {
            if (admitted) {
                delegate.cancel(message, cause);
            }
        }

        @Override
        public void halfClose() {
            if (admitted) {
                delegate.halfClose();
            }
        }

        @Override
        public void sendMessage(Q message) {
            if (admitted) {
                delegate.sendMessage(message);
            }
        }

        @Override
        public boolean isReady() {
            return admitted && delegate.isReady();
        }

        @Override
        public void setMessageCompression(boolean enabled) {
            if (admitted) {
                delegate.setMessageCompression(enabled);
            }
        }
    }
}
