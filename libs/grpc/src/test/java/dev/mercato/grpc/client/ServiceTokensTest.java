package dev.mercato.grpc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mercato.testsupport.jwt.TestIdentity;
import dev.mercato.testsupport.net.FaultProxy;
import dev.mercato.testsupport.time.MutableClock;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceTokensTest {

    final TestIdentity identity = TestIdentity.start();
    final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));

    @AfterEach
    void stop() {
        identity.stop();
    }

    ServiceTokens tokens(String uri) {
        return new ServiceTokens(uri, "ordering", "secret", Duration.ofMillis(500), 0.8, clock);
    }

    @Test
    void concurrentCallersShareOneFetchAndLaterCallsUseTheCache() throws Exception {
        ServiceTokens tokens = tokens(identity.serviceTokenUri());
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<String>> calls = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 16; i++) {
                calls.add(CompletableFuture.supplyAsync(
                        () -> {
                            awaitLatch(go);
                            return tokens.token("payment");
                        },
                        threads));
            }
            go.countDown();
            for (var call : calls) {
                assertThat(call.get()).isEqualTo(calls.getFirst().get());
            }
        }
        assertThat(tokens.token("payment")).isEqualTo(calls.getFirst().get());
        assertThat(identity.serviceTokensIssued()).isEqualTo(1);

        tokens.token("inventory");
        assertThat(identity.serviceTokensIssued()).as("one token per audience").isEqualTo(2);
    }

    @Test
    void renewsAfterFourFifthsOfTheLifetimeWhileTheOldTokenStillServes() {
        identity.serviceTokenTtl(Duration.ofSeconds(100));
        ServiceTokens tokens = tokens(identity.serviceTokenUri());
        String first = tokens.token("payment");

        clock.advance(Duration.ofSeconds(79));
        assertThat(tokens.token("payment")).isEqualTo(first);
        assertThat(identity.serviceTokensIssued()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        assertThat(tokens.token("payment"))
                .as("still valid, renewal in the background")
                .isEqualTo(first);
        await().until(() -> identity.serviceTokensIssued() == 2);
        await().until(() -> !tokens.token("payment").equals(first));
    }

    @Test
    void anExpiredTokenIsNotUsedAnyMore() {
        identity.serviceTokenTtl(Duration.ofSeconds(100));
        ServiceTokens tokens = tokens(identity.serviceTokenUri());
        String first = tokens.token("payment");

        clock.advance(Duration.ofSeconds(101));

        assertThat(tokens.token("payment")).isNotEqualTo(first);
        assertThat(identity.serviceTokensIssued()).isEqualTo(2);
    }

    @Test
    void identityDownIsUnavailable() {
        identity.stop();
        ServiceTokens tokens = tokens(identity.serviceTokenUri());

        assertThatThrownBy(() -> tokens.token("payment"))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    }

    @Test
    void aSilentIdentityIsUnavailableAfterTheTimeoutNotAHang() {
        var url = java.net.URI.create(identity.url());
        try (FaultProxy proxy = FaultProxy.to(url.getHost(), url.getPort())) {
            proxy.blackhole();
            ServiceTokens tokens =
                    tokens("http://" + proxy.host() + ":" + proxy.port() + "/internal/v1/service-tokens");

            long started = System.nanoTime();
            assertThatThrownBy(() -> tokens.token("payment"))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aRefusedClientIsUnauthenticatedOrDenied() {
        identity.registerServiceClient("ordering", "secret", "payment");
        ServiceTokens wrongSecret =
                new ServiceTokens(identity.serviceTokenUri(), "ordering", "guess", Duration.ofSeconds(1), 0.8, clock);

        assertThatThrownBy(() -> wrongSecret.token("payment"))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        assertThatThrownBy(() -> tokens(identity.serviceTokenUri()).token("catalog"))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
