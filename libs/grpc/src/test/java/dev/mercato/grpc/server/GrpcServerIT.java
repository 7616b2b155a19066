package dev.mercato.grpc.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.contracts.payment.v1.GetPaymentRequest;
import dev.mercato.contracts.payment.v1.PaymentServiceGrpc;
import dev.mercato.grpc.client.GrpcTargets;
import dev.mercato.grpc.support.ScriptedPaymentService;
import dev.mercato.testsupport.jwt.TestIdentity;
import dev.mercato.testsupport.process.ServiceProcess;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.MetadataUtils;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A Spring Boot service with the library: its gRPC server on its own port, authenticated and with mapped errors. */
@SpringBootTest(classes = GrpcServerIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class GrpcServerIT {

    static final TestIdentity identity = TestIdentity.start();
    static final int port = ServiceProcess.freePort();

    @SpringBootApplication
    static class App {
        @Bean
        ScriptedPaymentService scriptedPaymentService() {
            return new ScriptedPaymentService();
        }

        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        /** A service's own mapping of a domain exception, declared without any order: it wins over the library's. */
        @Bean
        GrpcExceptionHandler domainErrors() {
            return exception -> exception instanceof UnsupportedOperationException
                    ? Status.ABORTED.withDescription("domain says no").asException()
                    : null;
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.application.name", () -> "payment");
        registry.add("spring.grpc.server.port", () -> port);
        registry.add("mercato.grpc.auth.jwks-uri", identity::jwksUri);
        registry.add("mercato.grpc.client.id", () -> "ordering");
        registry.add("mercato.grpc.client.secret", () -> "ordering-secret");
        registry.add("mercato.grpc.client.token-uri", identity::serviceTokenUri);
        registry.add("mercato.grpc.client.targets.payment.address", () -> "static://127.0.0.1:" + port);
        // a cold JVM on a busy 2-core machine: the first call fetches a token and the JWKS
        registry.add("mercato.grpc.client.targets.payment.deadline", () -> "10s");
        // found by the condition when services are component-scanned; the test declares its service as a @Bean
        registry.add("spring.grpc.server.health.enabled", () -> "true");
    }

    @Autowired
    GrpcTargets targets;

    @Autowired
    MeterRegistry meters;

    ManagedChannel channel;

    @BeforeEach
    void connect() {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port)
                .usePlaintext()
                .build();
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopIdentity() {
        identity.stop();
    }

    PaymentServiceGrpc.PaymentServiceBlockingStub with(String token) {
        var stub = PaymentServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
        if (token == null) {
            return stub;
        }
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    static GetPaymentRequest order(String id) {
        return GetPaymentRequest.newBuilder().setOrderId(id).build();
    }

    @Test
    void aServiceTokenForThisServiceIsAcceptedAndNamesTheCaller() {
        var answer = with(identity.serviceToken("ordering", "payment")).getPayment(order("caller"));

        assertThat(answer.getProviderPaymentId()).isEqualTo("ordering");
    }

    @Test
    void callsWithoutAValidTokenAreUnauthenticated() {
        Instant past = Instant.now().minus(Duration.ofHours(1));
        String expired = identity.sign(identity.serviceClaims("ordering", "payment", Duration.ofMinutes(5))
                .issueTime(Date.from(past))
                .notBeforeTime(Date.from(past))
                .expirationTime(Date.from(past.plusSeconds(300)))
                .build());
        String forged = identity.signWithRogueKey(identity.serviceClaims("ordering", "payment", Duration.ofMinutes(5))
                .build());

        assertThat(statusOf(() -> with(null).getPayment(order("caller")))).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(statusOf(() -> with(expired).getPayment(order("caller")))).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(statusOf(() -> with(forged).getPayment(order("caller")))).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(statusOf(() -> with("garbage").getPayment(order("caller")))).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void genuineTokensNotMeantForThisServiceArePermissionDenied() {
        assertThat(statusOf(() ->
                        with(identity.serviceToken("ordering", "inventory")).getPayment(order("caller"))))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(statusOf(() -> with(identity.token("ADMIN")).getPayment(order("caller"))))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void healthChecksNeedNoToken() {
        var health = HealthGrpc.newBlockingStub(channel)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(HealthCheckRequest.getDefaultInstance());

        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    }

    @Test
    void exceptionsOfServiceMethodsAreMappedToStatuses() {
        var stub = with(identity.serviceToken("ordering", "payment"));

        var invalid = catchStatus(() -> stub.getPayment(order("illegal")));
        assertThat(invalid.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(invalid.getDescription()).isEqualTo("order id is not a UUID");
        assertThat(catchStatus(() -> stub.getPayment(order("database"))).getCode())
                .isEqualTo(Status.Code.UNAVAILABLE);
        var bug = catchStatus(() -> stub.getPayment(order("bug")));
        assertThat(bug.getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(bug.getDescription()).isEqualTo("internal error");
        var domain = catchStatus(() -> stub.getPayment(order("domain")));
        assertThat(domain.getCode()).isEqualTo(Status.Code.ABORTED);
        assertThat(domain.getDescription()).isEqualTo("domain says no");
        var notFound = catchStatus(() -> stub.getPayment(order("thrown-not-found")));
        assertThat(notFound.getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(notFound.getDescription()).isEqualTo("no payment");
    }

    @Test
    void theLibrarysClientReachesTheServerWithATokenFromIdentity() {
        int issuedBefore = identity.serviceTokensIssued();
        var stub = PaymentServiceGrpc.newBlockingStub(targets.channel("payment"));

        for (int i = 0; i < 5; i++) {
            assertThat(stub.getPayment(order("caller")).getProviderPaymentId()).isEqualTo("ordering");
        }
        assertThat(identity.serviceTokensIssued() - issuedBefore).isLessThanOrEqualTo(1);
        assertThat(meters.find("resilience4j.circuitbreaker.calls")
                        .tag("name", "grpc-payment")
                        .meters())
                .as("breaker metrics are exported")
                .isNotEmpty();
        assertThat(meters.find("resilience4j.bulkhead.available.concurrent.calls")
                        .tag("name", "grpc-payment")
                        .gauge())
                .isNotNull();
    }

    private static Status.Code statusOf(Runnable call) {
        return catchStatus(call).getCode();
    }

    private static Status catchStatus(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e.getStatus();
        }
        throw new AssertionError("the call should have failed");
    }
}
