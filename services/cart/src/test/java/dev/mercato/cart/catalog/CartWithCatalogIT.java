package dev.mercato.cart.catalog;

import static dev.mercato.testsupport.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.cart.TestBroker;
import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.jwt.TestIdentity;
import dev.mercato.testsupport.jwt.TokenForge;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Cart against the real catalog (its jar, its database, its gRPC server and service-token check): the contract as it
 * is, not as the fake catalog plays it.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eureka.client.enabled=false",
            "MERCATO_LOG_FORMAT=text",
            "cart.key-prefix=it:cart:${random.uuid}:",
            "cart.checkout.exchange=it.cart.events.${random.uuid}",
            "cart.checkout.queue=it.cart.order-created.${random.uuid}",
            "cart.checkout.dead-letter-exchange=it.cart.dlx.${random.uuid}",
            "mercato.grpc.client.secret=test-secret",
            // generous on a loaded 2-core machine (the first calls also fetch tokens and keys)
            "spring.data.redis.timeout=5s",
            "spring.data.redis.connect-timeout=5s",
            "mercato.grpc.client.targets.catalog.deadline=10s"
        })
@Import(TestBroker.class)
class CartWithCatalogIT {

    static final TestIdentity IDENTITY = TestIdentity.start();
    static final RealCatalog CATALOG = RealCatalog.start(IDENTITY);

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.identity[0].uri", IDENTITY::url);
        registry.add("mercato.grpc.auth.jwks-uri", IDENTITY::jwksUri);
        registry.add("mercato.grpc.client.token-uri", IDENTITY::serviceTokenUri);
        registry.add("mercato.grpc.client.targets.catalog.address", CATALOG::grpcAddress);
    }

    @AfterAll
    static void stopCatalog() {
        CATALOG.close();
    }

    @LocalServerPort
    int port;

    HttpJson http;
    String[] shopper;

    @BeforeEach
    void signIn() {
        http = HttpJson.at("http://localhost:" + port);
        String token = IDENTITY.sign(new TokenForge(TestIdentity.ISSUER, "mercato")
                .claims(UUID.randomUUID(), List.of("customer"))
                .build());
        shopper = new String[] {"Authorization", "Bearer " + token};
    }

    @Test
    void pricesTheCartWithCatalogsCurrentPricesAndNames() throws Exception {
        var lamp = CATALOG.seeded(1);
        var desk = CATALOG.seeded(2);
        assertThat(add(lamp.id(), 2).status()).isEqualTo(200);
        assertThat(add(desk.id(), 1).status()).isEqualTo(200);

        JsonNode cart = http.get("/v1/cart", with("Accept-Language", "it")).json();

        JsonNode line = line(cart, lamp.id());
        assertThat(line.get("sku").asString()).isEqualTo(lamp.sku());
        assertThat(line.get("name").asString()).isEqualTo(lamp.italianName());
        assertThat(line.get("unitPrice").get("amount").asString())
                .isEqualTo(lamp.price().toPlainString());
        assertThat(line.get("lineTotal").get("amount").asString())
                .isEqualTo(lamp.price().multiply(java.math.BigDecimal.TWO).toPlainString());
        assertThat(cart.get("total").get("amount").asString())
                .isEqualTo(lamp.price()
                        .multiply(java.math.BigDecimal.TWO)
                        .add(desk.price())
                        .toPlainString());
        assertThat(line(http.get("/v1/cart", shopper).json(), lamp.id())
                        .get("name")
                        .asString())
                .isEqualTo(lamp.englishName());
    }

    @Test
    void aPriceChangeInCatalogShowsAtTheNextRead() throws Exception {
        var product = CATALOG.seeded(3);
        assertThat(add(product.id(), 1).status()).isEqualTo(200);

        CATALOG.update(product.id(), "price_amount = 1234.56");

        assertThat(line(http.get("/v1/cart", shopper).json(), product.id())
                        .get("unitPrice")
                        .get("amount")
                        .asString())
                .isEqualTo("1234.56");
    }

    @Test
    void refusesProductsCatalogDoesNotSell() throws Exception {
        var scheduled = CATALOG.seeded(4);
        CATALOG.update(scheduled.id(), "published = false, published_at = now() + interval '1 day'");

        assertProblem(add(scheduled.id(), 1), 422, "product-unavailable");
        assertProblem(add(UUID.randomUUID(), 1), 422, "product-unavailable");
    }

    private HttpJson.Response add(UUID product, int quantity) {
        byte[] body = "{\"productId\": \"%s\", \"quantity\": %d}"
                .formatted(product, quantity)
                .getBytes(StandardCharsets.UTF_8);
        return http.send("POST", "/v1/cart/items", "application/json", body, shopper);
    }

    private String[] with(String... headers) {
        String[] all = new String[shopper.length + headers.length];
        System.arraycopy(shopper, 0, all, 0, shopper.length);
        System.arraycopy(headers, 0, all, shopper.length, headers.length);
        return all;
    }

    private static JsonNode line(JsonNode cart, UUID product) {
        return cart.get("items")
                .valueStream()
                .filter(item -> item.get("productId").asString().equals(product.toString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + product + " in " + cart));
    }
}
