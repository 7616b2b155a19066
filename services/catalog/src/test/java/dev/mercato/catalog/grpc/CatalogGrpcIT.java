package dev.mercato.catalog.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercato.catalog.CatalogIntegrationTest;
import dev.mercato.contracts.catalog.v1.CatalogServiceGrpc;
import dev.mercato.contracts.catalog.v1.GetProductsRequest;
import dev.mercato.contracts.catalog.v1.Product;
import dev.mercato.testsupport.jwt.TestIdentity;
import dev.mercato.testsupport.process.ServiceProcess;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The product lookup over a real gRPC socket, with service tokens from a stand-in identity. */
@CatalogIntegrationTest
class CatalogGrpcIT {

    static final TestIdentity IDENTITY = TestIdentity.start();
    static final int GRPC_PORT = ServiceProcess.freePort();
    static ManagedChannel channel;

    @DynamicPropertySource
    static void grpc(DynamicPropertyRegistry registry) {
        registry.add("spring.grpc.server.port", () -> GRPC_PORT);
        registry.add("mercato.grpc.auth.jwks-uri", () -> IDENTITY.url() + "/.well-known/jwks.json");
    }

    @Autowired
    JdbcClient jdbc;

    UUID lamp;
    UUID desk;

    @BeforeAll
    static void connect() {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", GRPC_PORT)
                .usePlaintext()
                .build();
    }

    @AfterAll
    static void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @BeforeEach
    void products() {
        lamp = insert("GRPC-LAMP-" + UUID.randomUUID(), Map.of("en", "Lamp", "it", "Lampada"), "12.50", true);
        desk = insert("GRPC-DESK-" + UUID.randomUUID(), Map.of("en", "Desk"), "99.99", true);
    }

    @Test
    void answersNamesInTheRequestedLanguageFallingBackToTheDefault() {
        var found = byId(lookup(asCart(), "it", lamp, desk));

        assertThat(found.get(lamp).getName()).isEqualTo("Lampada");
        assertThat(found.get(desk).getName())
                .as("no Italian name: the default language")
                .isEqualTo("Desk");
        assertThat(byId(lookup(asCart(), "", lamp)).get(lamp).getName()).isEqualTo("Lamp");
        assertThat(byId(lookup(asCart(), "it-CH", lamp)).get(lamp).getName()).isEqualTo("Lampada");
        assertThat(byId(lookup(asCart(), "fr", lamp)).get(lamp).getName()).isEqualTo("Lamp");
    }

    @Test
    void answersPricesInMinorUnitsWithSkuAndPublished() {
        Product product = byId(lookup(asCart(), "en", lamp)).get(lamp);

        assertThat(product.getSku()).startsWith("GRPC-LAMP-");
        assertThat(product.getPrice().getMinor()).isEqualTo(1250);
        assertThat(product.getPrice().getCurrency()).isEqualTo("EUR");
        assertThat(product.getPublished()).isTrue();
    }

    @Test
    void pricesAreCurrentAfterAChange() {
        lookup(asCart(), "en", lamp);
        jdbc.sql("update product set price_amount = 7.25 where id = :id")
                .param("id", lamp)
                .update();

        assertThat(byId(lookup(asCart(), "en", lamp)).get(lamp).getPrice().getMinor())
                .isEqualTo(725);
    }

    @Test
    void leavesOutUnknownAndDeletedProductsAndMarksUnpublishedOnes() {
        UUID scheduled = insert("GRPC-LATER-" + UUID.randomUUID(), Map.of("en", "Later"), "1.00", false);
        jdbc.sql("delete from product where id = :id").param("id", desk).update();

        var found = byId(lookup(asCart(), "en", lamp, desk, scheduled, UUID.randomUUID()));

        assertThat(found).containsOnlyKeys(lamp, scheduled);
        assertThat(found.get(scheduled).getPublished()).isFalse();
    }

    @Test
    void rejectsNoIdsTooManyIdsAndMalformedIds() {
        List<UUID> many =
                IntStream.range(0, 101).mapToObj(i -> UUID.randomUUID()).toList();

        assertStatus(
                () -> stub(asCart()).getProducts(GetProductsRequest.getDefaultInstance()),
                Status.Code.INVALID_ARGUMENT);
        assertStatus(() -> lookup(asCart(), "en", many.toArray(UUID[]::new)), Status.Code.INVALID_ARGUMENT);
        assertStatus(
                () -> stub(asCart())
                        .getProducts(GetProductsRequest.newBuilder()
                                .addProductIds("not-a-uuid")
                                .build()),
                Status.Code.INVALID_ARGUMENT);
        assertThat(lookup(asCart(), "en", many.subList(0, 100).toArray(UUID[]::new)))
                .isEmpty();
    }

    @Test
    void refusesCallsWithoutAServiceTokenForCatalog() {
        assertStatus(() -> lookup(null, "en", lamp), Status.Code.UNAUTHENTICATED);
        assertStatus(() -> lookup(IDENTITY.rogueToken(), "en", lamp), Status.Code.UNAUTHENTICATED);
        assertStatus(
                () -> lookup(IDENTITY.serviceToken("cart", "inventory"), "en", lamp), Status.Code.PERMISSION_DENIED);
        assertStatus(() -> lookup(IDENTITY.token(), "en", lamp), Status.Code.PERMISSION_DENIED);
    }

    private static String asCart() {
        return IDENTITY.serviceToken("cart", "catalog");
    }

    private static CatalogServiceGrpc.CatalogServiceBlockingStub stub(String token) {
        Metadata headers = new Metadata();
        if (token != null) {
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        }
        return CatalogServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(5, TimeUnit.SECONDS);
    }

    private static List<Product> lookup(String token, String language, UUID... ids) {
        var request = GetProductsRequest.newBuilder().setLanguage(language);
        for (UUID id : ids) {
            request.addProductIds(id.toString());
        }
        return stub(token).getProducts(request.build()).getProductsList();
    }

    private static Map<UUID, Product> byId(List<Product> products) {
        return products.stream().collect(Collectors.toMap(p -> UUID.fromString(p.getId()), Function.identity()));
    }

    private static void assertStatus(Runnable call, Status.Code code) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(code));
    }

    private UUID insert(String sku, Map<String, String> names, String price, boolean published) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into product (id, sku, category_id, names, price_amount, currency, published_at, published)
                        select :id, :sku, c.id, cast(:names as jsonb), :price, 'EUR',
                               now() + case when :published then interval '0' else interval '1 day' end, :published
                        from category c where c.slug = 'books'
                        """)
                .param("id", id)
                .param("sku", sku)
                .param("names", json(names))
                .param("price", new BigDecimal(price))
                .param("published", published)
                .update();
        return id;
    }

    private static String json(Map<String, String> names) {
        return names.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\": \"" + e.getValue() + "\"")
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
