package dev.mercato.gateway;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.mercato.testsupport.jwt.TokenForge;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Gateways started fresh for a test (their own Spring context, random ports, no registry) in front of a fake catalog
 * and a fake identity that publishes a test key, with roomy rate limits: every request of a test comes from one
 * address. Also reads the gateway's meters.
 */
public final class GatewayFixture implements AutoCloseable {

    private static final RSAKey KEY = TokenForge.newKey();

    private final FakeDownstream catalog;
    private final FakeDownstream identity;

    private GatewayFixture(FakeDownstream catalog, FakeDownstream identity) {
        this.catalog = catalog;
        this.identity = identity;
        identity.serve("/.well-known/jwks.json", new JWKSet(KEY.toPublicJWK()).toString());
    }

    public static GatewayFixture start() {
        try {
            return new GatewayFixture(new FakeDownstream(), new FakeDownstream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A customer's access token the gateways accept. */
    public String token() {
        TokenForge forge = new TokenForge("mercato-identity", "mercato");
        try {
            return forge.signed(
                    KEY,
                    KEY.getKeyID(),
                    forge.claims(UUID.randomUUID(), List.of("customer")).build());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public ConfigurableApplicationContext gateway(Map<String, String> overrides) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("management.server.port", "0");
        properties.put("eureka.client.enabled", "false");
        properties.put("MERCATO_LOG_FORMAT", "text");
        properties.put("CATALOG_URI", catalog.url());
        properties.put("IDENTITY_URI", identity.url());
        properties.put("spring.cloud.discovery.client.simple.instances.identity[0].uri", identity.url());
        properties.put("gateway.rate-limits.key-prefix", "test:" + UUID.randomUUID() + ":");
        properties.put("GATEWAY_RATE_LIMIT_GLOBAL_PER_MINUTE", "1000000");
        properties.put("GATEWAY_RATE_LIMIT_CATALOG_PER_SECOND", "100000");
        properties.put("GATEWAY_RATE_LIMIT_CATALOG_BURST", "100000");
        properties.putAll(overrides);
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(GatewayApplication.class).run(args);
    }

    public static int port(ConfigurableApplicationContext gateway) {
        return ((WebServerApplicationContext) gateway).getWebServer().getPort();
    }

    /** A counter summed over the series that carry the given tags. */
    public static double count(ConfigurableApplicationContext gateway, String name, String... tags) {
        return gateway.getBean(MeterRegistry.class).find(name).tags(tags).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    public static double gauge(ConfigurableApplicationContext gateway, String name) {
        return gateway.getBean(MeterRegistry.class).get(name).gauge().value();
    }

    public static double decisions(ConfigurableApplicationContext gateway, String source) {
        return count(gateway, "gateway.ratelimit.decisions", "source", source);
    }

    @Override
    public void close() {
        catalog.close();
        identity.close();
    }
}
