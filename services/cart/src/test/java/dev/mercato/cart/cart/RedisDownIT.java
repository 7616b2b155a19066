package dev.mercato.cart.cart;

import static dev.mercato.testsupport.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercato.cart.CartIntegrationTest;
import dev.mercato.cart.GrpcPort;
import dev.mercato.contracts.cart.v1.CartServiceGrpc;
import dev.mercato.contracts.cart.v1.GetCartRequest;
import dev.mercato.testsupport.redis.PrivateRedis;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The degraded policy: Redis holds the only copy of the carts, so while it is down the cart endpoints answer 503 at
 * once, gRPC answers UNAVAILABLE and the instance reports not ready; it recovers by itself when Redis is back. Runs
 * on a Redis of its own, never the shared one.
 */
class RedisDownIT extends CartIntegrationTest {

    static final PrivateRedis REDIS = PrivateRedis.start();

    @DynamicPropertySource
    static void privateRedis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", REDIS::port);
        // the production timeouts (application.yml), which the shared test contexts relax
        registry.add("spring.data.redis.timeout", () -> "250ms");
        registry.add("spring.data.redis.connect-timeout", () -> "500ms");
    }

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Autowired
    GrpcPort grpcPort;

    @Test
    void answers503FastWhileRedisIsDownAndRecoversWithoutARestart() {
        var shopper = shopper();
        UUID mug = CATALOG.add("DOWN-1", "Mug", 100);
        assertThat(add(shopper, mug, 1).status()).isEqualTo(200);
        assertThat(http.get("/readyz").status()).isEqualTo(200);

        REDIS.stop();

        long started = System.nanoTime();
        var read = cart(shopper);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertProblem(read, 503, "unavailable");
        assertThat(took).as("fails fast, well within the command timeout").isLessThan(Duration.ofSeconds(2));
        assertProblem(add(shopper, mug, 1), 503, "unavailable");
        assertProblem(send(shopper, "DELETE", "/v1/cart", null), 503, "unavailable");
        assertThat(getCartStatus(shopper.id())).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(http.get("/readyz").status())
                .as("stays ready: every instance shares the outage")
                .isEqualTo(200);
        assertThat(http.get("/livez").status()).isEqualTo(200);

        REDIS.restart();

        await().atMost(Duration.ofSeconds(15)).until(() -> cart(shopper).status() == 200);
        assertThat(add(shopper, mug, 2)
                        .json()
                        .get("items")
                        .get(0)
                        .get("quantity")
                        .asInt())
                .as("the restarted Redis is empty: the cart starts again")
                .isEqualTo(2);
    }

    private Status.Code getCartStatus(UUID user) {
        var channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort.get())
                .usePlaintext()
                .build();
        try {
            Metadata headers = new Metadata();
            headers.put(
                    Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                    "Bearer " + IDENTITY.serviceToken("ordering", "cart"));
            var stub = CartServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .withDeadlineAfter(5, TimeUnit.SECONDS);
            try {
                stub.getCart(
                        GetCartRequest.newBuilder().setUserId(user.toString()).build());
                return Status.Code.OK;
            } catch (StatusRuntimeException e) {
                return e.getStatus().getCode();
            }
        } finally {
            channel.shutdownNow();
        }
    }
}
