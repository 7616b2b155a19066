package dev.mercato.inventory;

import dev.mercato.contracts.inventory.v1.InventoryServiceGrpc;
import dev.mercato.inventory.domain.Sku;
import dev.mercato.inventory.stock.StockAdmin;
import dev.mercato.testsupport.jwt.TestIdentity;
import dev.mercato.testsupport.postgres.IsolatedDatabase;
import dev.mercato.testsupport.process.ServiceProcess;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole inventory service against a fresh database (migrated and seeded by Flyway), with a stand-in identity for
 * user and service tokens, gRPC on a free port; no registry. Every test leaves the ledger balanced. The pool wait is
 * longer than in production: the 200-callers test queues for 16 connections on a shared 2-core machine, and a caller
 * that gives up there (UNAVAILABLE, retried by real clients) would only make the test flaky, not prove anything.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eureka.client.enabled=false",
            "MERCATO_LOG_FORMAT=text",
            "inventory.expiry.interval=200ms",
            "spring.datasource.hikari.connection-timeout=15000"
        })
@IsolatedDatabase
public abstract class InventoryIntegrationTest {

    protected static final TestIdentity IDENTITY = TestIdentity.start();

    protected static final int GRPC_PORT = ServiceProcess.freePort();

    private static ManagedChannel channel;

    @DynamicPropertySource
    static void identity(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.identity[0].uri", IDENTITY::url);
        registry.add("spring.grpc.server.port", () -> GRPC_PORT);
        registry.add("mercato.grpc.auth.jwks-uri", IDENTITY::jwksUri);
    }

    /** A plaintext channel to the service's gRPC port, shared by all tests (it lives as long as the JVM). */
    protected static synchronized Channel channel() {
        if (channel == null) {
            channel = ManagedChannelBuilder.forAddress("127.0.0.1", GRPC_PORT)
                    .usePlaintext()
                    .build();
        }
        return channel;
    }

    /** The stub the ordering service would use: its service token for audience "inventory". */
    protected static InventoryServiceGrpc.InventoryServiceBlockingStub inventory() {
        return stub(IDENTITY.serviceToken("ordering", "inventory"));
    }

    protected static InventoryServiceGrpc.InventoryServiceBlockingStub stub(String token) {
        Metadata headers = new Metadata();
        if (token != null) {
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        }
        return InventoryServiceGrpc.newBlockingStub(channel())
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected StockAdmin stockAdmin;

    @AfterEach
    void ledgerStaysBalanced() {
        LedgerInvariants.check(jdbc);
    }

    /** A SKU of the test's own with this many units on hand. */
    protected Sku stocked(int onHand) {
        Sku sku = new Sku("T-" + UUID.randomUUID().toString().substring(0, 13).toUpperCase());
        stockAdmin.setOnHand(sku, onHand, "test");
        return sku;
    }
}
