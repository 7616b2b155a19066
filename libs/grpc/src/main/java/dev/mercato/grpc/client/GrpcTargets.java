package dev.mercato.grpc.client;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.grpc.client.interceptor.DefaultDeadlineSetupClientInterceptor;

/**
 * Channels to the services this one calls ({@code mercato.grpc.client.targets.<name>}). Each call through
 * {@link #channel} carries a service token for audience = target, the target's default deadline when the caller set
 * none, grpc-java's retries of UNAVAILABLE, a circuit breaker {@code grpc-<target>} and a bulkhead. Channels are
 * created on first use and shut down with the application context.
 */
public class GrpcTargets implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(GrpcTargets.class);

    private final GrpcClientProperties properties;
    private final ServiceTokens tokens;
    private final CircuitBreakerRegistry breakers;
    private final BulkheadRegistry bulkheads;
    private final Map<String, Open> open = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public GrpcTargets(
            GrpcClientProperties properties,
            ServiceTokens tokens,
            CircuitBreakerRegistry breakers,
            BulkheadRegistry bulkheads) {
        this.properties = properties;
        this.tokens = tokens;
        this.breakers = breakers;
        this.bulkheads = bulkheads;
        StaticNameResolverProvider.register();
    }

    /**
     * The channel to a target, e.g. {@code InventoryServiceGrpc.newBlockingStub(targets.channel("inventory"))}.
     *
     * @throws IllegalArgumentException for a target without {@code mercato.grpc.client.targets.<name>.address}
     */
    public Channel channel(String target) {
        if (closed) {
            throw new IllegalStateException("gRPC channels are shut down");
        }
        return open.computeIfAbsent(target, this::openChannel).channel();
    }

    /**
     * Opens every configured target's channel, starts its connection and fetches its service token, so the first calls
     * after a (re)start do not each wait for them: a burst then met a cold channel and an empty token cache, and some
     * calls ran out of their deadline. A failure is only logged; the first call tries again.
     */
    public void warmUp() {
        for (String target : properties.targets().keySet()) {
            try {
                open.computeIfAbsent(target, this::openChannel).managed().getState(true);
                tokens.token(target);
            } catch (RuntimeException e) {
                log.info("gRPC target {} not warmed up: {}", target, e.toString());
            }
        }
    }

    /** The breaker {@code grpc-<target>} (for health and tests). */
    public CircuitBreaker circuitBreaker(String target) {
        return breakers.circuitBreaker(
                "grpc-" + target, breakerConfig(settings(target).circuitBreaker()));
    }

    /** The bulkhead {@code grpc-<target>}. */
    public Bulkhead bulkhead(String target) {
        return bulkheads.bulkhead(
                "grpc-" + target, bulkheadConfig(settings(target).bulkhead()));
    }

    private GrpcClientProperties.Target settings(String target) {
        GrpcClientProperties.Target settings = properties.targets().get(target);
        if (settings == null || settings.address() == null || settings.address().isBlank()) {
            throw new IllegalArgumentException(
                    "Unknown gRPC target " + target + ": set mercato.grpc.client.targets." + target + ".address");
        }
        return settings;
    }

    private Open openChannel(String target) {
        GrpcClientProperties.Target settings = settings(target);
        ManagedChannel managed = Grpc.newChannelBuilder(settings.address(), InsecureChannelCredentials.create())
                .defaultServiceConfig(RetryServiceConfig.of(settings.retry()))
                .disableServiceConfigLookUp()
                .enableRetry()
                .maxRetryAttempts(Math.max(1, settings.retry().maxAttempts()))
                .build();
        Channel channel = ClientInterceptors.intercept(
                managed,
                // the last one listed runs first
                new ResilienceInterceptor(circuitBreaker(target), bulkhead(target)),
                new CredentialsInterceptor(new ServiceTokenCredentials(tokens, target)),
                new DefaultDeadlineSetupClientInterceptor(settings.deadline()),
                new OutsideTransactionInterceptor());
        log.info("gRPC channel to {} at {} (deadline {})", target, settings.address(), settings.deadline());
        return new Open(managed, channel);
    }

    static CircuitBreakerConfig breakerConfig(GrpcClientProperties.CircuitBreaker settings) {
        return CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                .waitDurationInOpenState(settings.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpenState())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build();
    }

    static BulkheadConfig bulkheadConfig(GrpcClientProperties.Bulkhead settings) {
        return BulkheadConfig.custom()
                .maxConcurrentCalls(settings.maxConcurrentCalls())
                .maxWaitDuration(Duration.ZERO)
                .build();
    }

    @Override
    public void destroy() throws InterruptedException {
        closed = true;
        open.values().forEach(o -> o.managed().shutdown());
        for (Open o : open.values()) {
            if (!o.managed().awaitTermination(5, TimeUnit.SECONDS)) {
                o.managed().shutdownNow();
            }
        }
        open.clear();
    }

    private record Open(ManagedChannel managed, Channel channel) {}

    private record CredentialsInterceptor(ServiceTokenCredentials credentials) implements ClientInterceptor {
        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
            return next.newCall(method, options.withCallCredentials(credentials));
        }
    }
}
