package dev.mercato.grpc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mercato.contracts.payment.v1.GetPaymentRequest;
import dev.mercato.contracts.payment.v1.PaymentResponse;
import dev.mercato.contracts.payment.v1.PaymentServiceGrpc;
import dev.mercato.grpc.server.GrpcAuthProperties;
import dev.mercato.grpc.server.ServiceAuthInterceptor;
import dev.mercato.grpc.server.ServiceTokenVerifier;
import dev.mercato.grpc.support.ScriptedPaymentService;
import dev.mercato.testsupport.jwt.TestIdentity;
import dev.mercato.testsupport.process.ServiceProcess;
import dev.mercato.web.remote.OutsideTransactions;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The client side over real sockets: a plain grpc-java server with the library's authentication. */
class GrpcTargetsIT {

    static final TestIdentity identity = TestIdentity.start();
    static final ScriptedPaymentService service = new ScriptedPaymentService();
    static final ScriptedPaymentService secondService = new ScriptedPaymentService();
    static Server server;
    static Server secondServer;

    final List<GrpcTargets> opened = new ArrayList<>();

    @BeforeAll
    static void startServers() throws IOException {
        server = start(service);
        secondServer = start(secondService);
    }

    static Server start(ScriptedPaymentService implementation) throws IOException {
        var verifier = ServiceTokenVerifier.forJwks(
                new GrpcAuthProperties(identity.jwksUri(), TestIdentity.ISSUER, Duration.ofSeconds(5)), "payment");
        return Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                .addService(ServerInterceptors.intercept(
                        implementation, new ServiceAuthInterceptor(verifier, List.of("grpc.health.v1.Health"))))
                .build()
                .start();
    }

    @AfterAll
    static void stopServers() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        secondServer.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        identity.stop();
    }

    @AfterEach
    void closeTargets() throws InterruptedException {
        service.open();
        for (GrpcTargets targets : opened) {
            targets.destroy();
        }
    }

    static GrpcClientProperties.Target target(
            Duration deadline,
            int attempts,
            GrpcClientProperties.CircuitBreaker breaker,
            GrpcClientProperties.Bulkhead bulkhead) {
        return new GrpcClientProperties.Target(
                "static://127.0.0.1:" + server.getPort(),
                deadline,
                new GrpcClientProperties.Retry(attempts, Duration.ofMillis(20), Duration.ofMillis(100), 2.0),
                breaker,
                bulkhead);
    }

    static GrpcClientProperties.Target target(Duration deadline, int attempts) {
        return target(
                deadline,
                attempts,
                GrpcClientProperties.CircuitBreaker.defaults(),
                new GrpcClientProperties.Bulkhead(50));
    }

    GrpcTargets targets(GrpcClientProperties.Target payment, String tokenUri) {
        var properties = new GrpcClientProperties(
                "ordering", "secret", tokenUri, Duration.ofSeconds(2), 0.8, Map.of("payment", payment));
        var targets = new GrpcTargets(
                properties,
                new ServiceTokens(properties, Clock.systemUTC()),
                CircuitBreakerRegistry.ofDefaults(),
                BulkheadRegistry.ofDefaults());
        opened.add(targets);
        return targets;
    }

    GrpcTargets targets(GrpcClientProperties.Target payment) {
        return targets(payment, identity.serviceTokenUri());
    }

    static PaymentServiceGrpc.PaymentServiceBlockingStub stub(GrpcTargets targets) {
        return PaymentServiceGrpc.newBlockingStub(targets.channel("payment"));
    }

    static GetPaymentRequest order(String kind) {
        return GetPaymentRequest.newBuilder()
                .setOrderId(kind + ":" + UUID.randomUUID())
                .build();
    }

    static Status statusOf(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e.getStatus();
        }
        throw new AssertionError("the call should have failed");
    }

    /** The first call fetches a token and the server the JWKS: not part of what a test measures. */
    static void warmUp(GrpcTargets targets) {
        stub(targets).withDeadlineAfter(20, TimeUnit.SECONDS).getPayment(order("caller"));
    }

    @Test
    void callsCarryAServiceTokenFetchedOnceForManyCalls() {
        var targets = targets(target(Duration.ofSeconds(10), 3));
        int before = identity.serviceTokensIssued();

        for (int i = 0; i < 10; i++) {
            assertThat(stub(targets).getPayment(order("caller")).getProviderPaymentId())
                    .isEqualTo("ordering");
        }

        assertThat(identity.serviceTokensIssued() - before).isEqualTo(1);
    }

    /** The kubernetes profile names targets by DNS (dns:///<service>-grpc:<port>, docs/adr/017). */
    @Test
    void callsATargetNamedByDns() {
        var byStatic = target(Duration.ofSeconds(10), 3);
        var byDns = new GrpcClientProperties.Target(
                "dns:///localhost:" + server.getPort(),
                byStatic.deadline(),
                byStatic.retry(),
                byStatic.circuitBreaker(),
                byStatic.bulkhead());
        var targets = targets(byDns);

        assertThat(stub(targets).getPayment(order("caller")).getProviderPaymentId())
                .isEqualTo("ordering");
    }

    @Test
    void refusesACallMadeInsideATransactionBeforeSendingIt() {
        var targets = targets(target(Duration.ofSeconds(10), 3));
        var request = order("caller");

        TransactionSynchronizationManager.setActualTransactionActive(true);
        try {
            assertThatThrownBy(() -> stub(targets).getPayment(request))
                    .isInstanceOf(OutsideTransactions.RemoteCallInTransaction.class)
                    .hasMessageContaining("PaymentService/GetPayment");
        } finally {
            TransactionSynchronizationManager.setActualTransactionActive(false);
        }

        assertThat(service.attempts(request.getOrderId())).isZero();
        assertThat(stub(targets).getPayment(request).getProviderPaymentId()).isEqualTo("ordering");
    }

    @Test
    void warmingUpFetchesTheTokenSoTheFirstCallsNeedNone() {
        var targets = targets(target(Duration.ofSeconds(10), 3));
        int before = identity.serviceTokensIssued();

        targets.warmUp();
        int afterWarmUp = identity.serviceTokensIssued();
        for (int i = 0; i < 5; i++) {
            stub(targets).getPayment(order("caller"));
        }

        assertThat(afterWarmUp - before).isEqualTo(1);
        assertThat(identity.serviceTokensIssued()).isEqualTo(afterWarmUp);
    }

    @Test
    void warmingUpWithIdentityDownOnlyLogs() {
        var targets =
                targets(target(Duration.ofSeconds(10), 3), "http://127.0.0.1:" + ServiceProcess.freePort() + "/tokens");

        assertThatCode(targets::warmUp).doesNotThrowAnyException();
    }

    @Test
    void identityDownFailsTheCallWithUnavailableBeforeItReachesTheTarget() {
        var targets = targets(target(Duration.ofSeconds(10), 3), "http://127.0.0.1:1/internal/v1/service-tokens");
        var request = order("caller");

        Status status = statusOf(() -> stub(targets).getPayment(request));

        assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(service.attempts(request.getOrderId())).isZero();
    }

    @Test
    void appliesTheDefaultDeadlineOnlyWhenTheCallerSetNone() {
        var targets = targets(target(Duration.ofMillis(300), 1));
        warmUp(targets);

        assertThat(statusOf(() -> stub(targets).getPayment(order("slow"))).getCode())
                .isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(stub(targets)
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .getPayment(order("slow"))
                        .getProviderPaymentId())
                .isEqualTo("ordering");
    }

    @Test
    void retriesUnavailableUpToTheBound() {
        var targets = targets(target(Duration.ofSeconds(10), 3));
        var recovering = order("unavailable-2");
        var down = order("unavailable");

        assertThat(stub(targets).getPayment(recovering).getOrderId()).isEqualTo(recovering.getOrderId());
        assertThat(service.attempts(recovering.getOrderId())).isEqualTo(3);

        assertThat(statusOf(() -> stub(targets).getPayment(down)).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(service.attempts(down.getOrderId())).isEqualTo(3);
    }

    @Test
    void doesNotRetryAnswersOrInternalErrors() {
        var targets = targets(target(Duration.ofSeconds(10), 3));
        var precondition = order("precondition");
        var internal = order("internal");

        assertThat(statusOf(() -> stub(targets).getPayment(precondition)).getCode())
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(statusOf(() -> stub(targets).getPayment(internal)).getCode()).isEqualTo(Status.Code.INTERNAL);

        assertThat(service.attempts(precondition.getOrderId())).isEqualTo(1);
        assertThat(service.attempts(internal.getOrderId())).isEqualTo(1);
    }

    @Test
    void theBreakerOpensOnFailuresAndThenFailsFastWithoutCallingTheTarget() {
        var targets = targets(target(
                Duration.ofSeconds(10),
                1,
                new GrpcClientProperties.CircuitBreaker(50, 4, 4, Duration.ofMinutes(1), 1),
                new GrpcClientProperties.Bulkhead(50)));
        var down = order("unavailable");

        for (int i = 0; i < 4; i++) {
            assertThat(statusOf(() -> stub(targets).getPayment(down)).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        }
        assertThat(targets.circuitBreaker("payment").getState()).isEqualTo(CircuitBreaker.State.OPEN);

        Status fast = statusOf(() -> stub(targets).getPayment(down));
        assertThat(fast.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(fast.getDescription()).contains("circuit breaker grpc-payment is open");
        assertThat(service.attempts(down.getOrderId())).isEqualTo(4);
    }

    @Test
    void answersDoNotOpenTheBreaker() {
        var targets = targets(target(
                Duration.ofSeconds(10),
                1,
                new GrpcClientProperties.CircuitBreaker(50, 4, 4, Duration.ofMinutes(1), 1),
                new GrpcClientProperties.Bulkhead(50)));

        for (int i = 0; i < 6; i++) {
            var answer = order(i % 2 == 0 ? "not-found" : "precondition");
            statusOf(() -> stub(targets).getPayment(answer));
        }

        assertThat(targets.circuitBreaker("payment").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(targets.circuitBreaker("payment").getMetrics().getNumberOfFailedCalls())
                .isZero();
    }

    @Test
    void aFullBulkheadFailsFastWithUnavailable() throws Exception {
        var targets = targets(target(
                Duration.ofSeconds(10),
                1,
                GrpcClientProperties.CircuitBreaker.defaults(),
                new GrpcClientProperties.Bulkhead(2)));
        warmUp(targets);
        service.close();
        var first = order("gated");
        var second = order("gated");
        var async = PaymentServiceGrpc.newFutureStub(targets.channel("payment"));
        Future<PaymentResponse> one = async.getPayment(first);
        Future<PaymentResponse> two = async.getPayment(second);
        await().until(() -> service.attempts(first.getOrderId()) == 1 && service.attempts(second.getOrderId()) == 1);

        var third = order("caller");
        Status rejected = statusOf(() -> stub(targets).getPayment(third));

        assertThat(rejected.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(rejected.getDescription()).contains("bulkhead grpc-payment is full");
        assertThat(service.attempts(third.getOrderId())).isZero();
        service.open();
        assertThat(one.get(10, TimeUnit.SECONDS).getOrderId()).isEqualTo(first.getOrderId());
        assertThat(two.get(10, TimeUnit.SECONDS).getOrderId()).isEqualTo(second.getOrderId());
        assertThat(stub(targets).getPayment(order("caller")).getProviderPaymentId())
                .isEqualTo("ordering");
    }

    @Test
    void spreadsCallsOverTheStaticAddresses() {
        var targets = targets(new GrpcClientProperties.Target(
                "static://127.0.0.1:" + server.getPort() + ",127.0.0.1:" + secondServer.getPort(),
                Duration.ofSeconds(10),
                new GrpcClientProperties.Retry(1, Duration.ofMillis(20), Duration.ofMillis(100), 2.0),
                GrpcClientProperties.CircuitBreaker.defaults(),
                new GrpcClientProperties.Bulkhead(50)));
        var requests = new ArrayList<GetPaymentRequest>();

        for (int i = 0; i < 6; i++) {
            var request = order("caller");
            requests.add(request);
            stub(targets).getPayment(request);
        }

        assertThat(requests).anyMatch(r -> service.attempts(r.getOrderId()) == 1);
        assertThat(requests).anyMatch(r -> secondService.attempts(r.getOrderId()) == 1);
    }

    @Test
    void channelsAreShutDownWithTheContext() throws InterruptedException {
        var targets = targets(target(Duration.ofSeconds(10), 1));
        targets.channel("payment");

        targets.destroy();

        assertThatIllegalStateException().isThrownBy(() -> targets.channel("payment"));
    }
}
