package dev.mercato.inventory.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercato.contracts.inventory.v1.InventoryServiceGrpc;
import dev.mercato.contracts.inventory.v1.ReservationState;
import dev.mercato.contracts.inventory.v1.ReserveRequest;
import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.jwt.TestIdentity;
import dev.mercato.testsupport.net.FaultProxy;
import dev.mercato.testsupport.postgres.TestDatabase;
import dev.mercato.testsupport.process.ServiceProcess;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service's PostgreSQL connection cut and restored (through a proxy of the test's own, never the shared server),
 * and a stock row locked for too long: calls fail with UNAVAILABLE, which callers may retry since every call is
 * idempotent, and work again afterwards.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eureka.client.enabled=false",
            "MERCATO_LOG_FORMAT=text",
            "inventory.expiry.enabled=false",
            "spring.datasource.hikari.connection-timeout=1000",
            "INVENTORY_DB_LOCK_TIMEOUT=300ms"
        })
class DatabaseFailureIT {

    static final TestIdentity IDENTITY = TestIdentity.start();
    static final TestDatabase DATABASE = TestDatabase.create("inventory");
    static final FaultProxy PROXY =
            FaultProxy.to(DATABASE.server().host(), DATABASE.server().port());
    static final int GRPC_PORT = ServiceProcess.freePort();
    static final ManagedChannel CHANNEL = ManagedChannelBuilder.forAddress("127.0.0.1", GRPC_PORT)
            .usePlaintext()
            .build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + PROXY.port() + "/" + DATABASE.name());
        registry.add("spring.datasource.username", () -> DATABASE.server().user());
        registry.add("spring.datasource.password", () -> DATABASE.server().password());
        registry.add("spring.grpc.server.port", () -> GRPC_PORT);
        registry.add("mercato.grpc.auth.jwks-uri", IDENTITY::jwksUri);
        registry.add("spring.cloud.discovery.client.simple.instances.identity[0].uri", IDENTITY::url);
    }

    @AfterEach
    void reconnect() {
        PROXY.restore();
    }

    @AfterAll
    static void cleanUp() throws InterruptedException {
        CHANNEL.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        PROXY.close();
        DATABASE.drop();
    }

    @Test
    void answersUnavailableWhileTheDatabaseIsUnreachableAndRecovers() {
        ReserveRequest request = ReserveRequest.newBuilder()
                .setOrderId(UUID.randomUUID().toString())
                .addLines(Requests.line("MC-000001", 1))
                .build();
        HttpJson http = HttpJson.at("http://localhost:" + port);

        PROXY.refuse().cutAll();

        ReservationGrpcIT.assertStatus(() -> inventory().reserve(request), Status.Code.UNAVAILABLE);
        await().untilAsserted(() -> assertThat(http.get("/readyz").status()).isEqualTo(503));

        PROXY.restore();

        await().atMost(Duration.ofSeconds(20))
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(inventory().reserve(request).getState())
                        .isEqualTo(ReservationState.RESERVATION_STATE_RESERVED));
        await().untilAsserted(() -> assertThat(http.get("/readyz").status()).isEqualTo(200));
    }

    @Test
    void answersUnavailableWhenAStockRowStaysLockedTooLong() throws Exception {
        ReserveRequest request = ReserveRequest.newBuilder()
                .setOrderId(UUID.randomUUID().toString())
                .addLines(Requests.line("MC-000002", 1))
                .build();

        try (Connection other = DriverManager.getConnection(
                DATABASE.jdbcUrl(), DATABASE.server().user(), DATABASE.server().password())) {
            other.setAutoCommit(false);
            other.createStatement().execute("select * from stock where sku = 'MC-000002' for update");

            ReservationGrpcIT.assertStatus(() -> inventory().reserve(request), Status.Code.UNAVAILABLE);

            other.rollback();
        }
        assertThat(inventory().reserve(request).getState()).isEqualTo(ReservationState.RESERVATION_STATE_RESERVED);
    }

    private static InventoryServiceGrpc.InventoryServiceBlockingStub inventory() {
        Metadata headers = new Metadata();
        headers.put(
                Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + IDENTITY.serviceToken("ordering", "inventory"));
        return InventoryServiceGrpc.newBlockingStub(CHANNEL)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
    }
}
