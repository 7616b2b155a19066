package dev.mercato.gateway;

import static dev.mercato.testsupport.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.process.ServiceProcess;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;

/**
 * The gateway's edge behaviour against a downstream the test controls. Routes point straight at it (no registry), so
 * each failure mode is produced on purpose: slow, refusing connections, failing.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eureka.client.enabled=false",
            "MERCATO_LOG_FORMAT=text",
            "CATALOG_ROUTE_TIMEOUT_MS=500",
            "gateway.rate-limits.key-prefix=test:${random.uuid}:"
        })
class GatewayEdgeIT {

    static final FakeDownstream catalog = start();
    static final int closedPort = ServiceProcess.freePort();

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("CATALOG_URI", catalog::url);
    }

    /** A route to a port nothing listens on, and one whose filter never lets its request go. */
    @TestConfiguration
    static class DeadRoute {
        @Bean
        RouteLocator deadRoute(RouteLocatorBuilder routes) {
            return routes.routes()
                    .route(
                            "dead",
                            r -> r.path("/v1/dead/**")
                                    .metadata("access", "public")
                                    .uri("http://127.0.0.1:" + closedPort))
                    .route(
                            "stuck",
                            r -> r.path("/v1/stuck/**")
                                    .filters(f -> f.filter((exchange, chain) -> Mono.never()))
                                    .metadata("access", "public")
                                    .metadata("connect-timeout", 100)
                                    .metadata("response-timeout", 400)
                                    .uri(catalog.url()))
                    .build();
        }
    }

    @LocalServerPort
    int port;

    @Value("${local.management.port}")
    int managementPort;

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    @Autowired
    MeterRegistry meters;

    HttpJson http;

    @BeforeEach
    void setUp() {
        http = HttpJson.at("http://localhost:" + port);
        catalog.reset();
        circuitBreakers.circuitBreaker("catalog").reset();
    }

    @AfterAll
    static void stop() {
        catalog.close();
    }

    @Test
    void routesCatalogPathsAndForwardsTheRequestId() {
        var response = http.get("/v1/products?limit=1", "X-Request-Id", "edge-test-1");

        assertThat(response.status()).isEqualTo(200);
        assertThat(catalog.requests()).as("forwarded exactly once").isEqualTo(1);
        assertThat(catalog.lastHeader("X-Request-Id")).isEqualTo("edge-test-1");
        assertThat(catalog.lastHeader("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        assertThat(response.header("X-Request-Id")).contains("edge-test-1");
        assertThat(response.header("traceparent").orElseThrow()).startsWith("00-");
    }

    @Test
    void replacesClientSuppliedForwardingHeadersWithTheAddressItSaw() {
        http.get("/v1/products", "X-Forwarded-For", "203.0.113.9", "X-Real-IP", "203.0.113.9");

        assertThat(catalog.lastHeader("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(catalog.lastHeader("X-Real-IP")).isNull();
    }

    @Test
    void createsARequestIdWhenTheClientSendsNone() {
        var response = http.get("/v1/categories");

        String id = response.header("X-Request-Id").orElseThrow();
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(catalog.lastHeader("X-Request-Id")).isEqualTo(id);
    }

    @Test
    void answersASlowDownstreamWith504WithinTheRouteTimeout() {
        catalog.answerAfter(Duration.ofSeconds(5));

        long started = System.nanoTime();
        var response = http.get("/v1/products");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertProblem(response, 504, "timeout");
        assertThat(response.json().get("detail").asString()).contains("catalog");
        assertThat(took).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void answersARefusedConnectionWith503AndRetryAfter() {
        long started = System.nanoTime();
        var response = http.get("/v1/dead/anything");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertProblem(response, 503, "unavailable");
        assertThat(response.header("Retry-After")).contains("1");
        assertThat(took).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void answersADownstream503WithAnUnavailableProblemNotAnInternalError() {
        catalog.answerWith(503);

        var response = http.get("/v1/products");

        assertProblem(response, 503, "unavailable");
        assertThat(response.header("Retry-After")).contains("1");
        assertThat(circuitBreakers.circuitBreaker("catalog").getState()).hasToString("CLOSED");
    }

    @Test
    void opensTheCircuitAfterRepeatedFailuresAndThenFailsFast() {
        catalog.answerWith(503);
        for (int i = 0; i < 12; i++) {
            http.get("/v1/products");
        }
        int reachedDownstream = catalog.requests();

        var response = http.get("/v1/products");

        assertProblem(response, 503, "unavailable");
        assertThat(catalog.requests())
                .as("calls reaching catalog once the circuit is open")
                .isEqualTo(reachedDownstream);
        assertThat(circuitBreakers.circuitBreaker("catalog").getState()).hasToString("OPEN");
    }

    @Test
    void doesNotCountMissingInstancesAsDownstreamFailures() {
        var ignored = circuitBreakers
                .circuitBreaker("catalog")
                .getCircuitBreakerConfig()
                .getIgnoreExceptionPredicate();

        assertThat(ignored.test(org.springframework.cloud.gateway.support.NotFoundException.create(false, "none")))
                .as("'no instance registered' fails fast already; it must not keep the circuit open")
                .isTrue();
        assertThat(ignored.test(new java.net.ConnectException("refused"))).isFalse();
    }

    @Test
    void answersARequestThatAFilterNeverLetsGoWithinTheRouteDeadlineAndCountsIt() {
        long started = System.nanoTime();
        var response = http.get("/v1/stuck/anything");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertProblem(response, 503, "unavailable");
        assertThat(took)
                .as("connect + response timeout (500 ms) + the guard's margin (1 s), checked first after 1 s")
                .isBetween(Duration.ofMillis(1400), Duration.ofMillis(2500));
        assertThat(meters.get("gateway.guard.rescues")
                        .tag("route", "stuck")
                        .tag("progress", "rate_limit_decided")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(catalog.requests()).as("never forwarded").isZero();
    }

    @Test
    void servesManagementOnlyOnItsOwnPort() {
        for (String path : List.of(
                "/actuator", "/actuator/prometheus", "/actuator/metrics", "/actuator/info", "/actuator/health")) {
            assertProblem(http.get(path), 404, "not-found");
        }
        assertThat(http.get("/readyz").status())
                .as("probes stay on the public port")
                .isEqualTo(200);

        HttpJson management = HttpJson.at("http://localhost:" + managementPort);
        assertThat(management.get("/actuator/prometheus").text()).contains("gateway_ratelimit_decisions_total");
        assertThat(management.get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void answersATargetThatIsNotAUriWithAProblemAndClosesTheConnection() throws Exception {
        for (String target : List.of("/v1/pro|ducts", "/v1/products?q=%zz", "/v1/products?q={x}", "/v1/a b")) {
            try (Socket socket = new Socket("localhost", port)) {
                socket.setSoTimeout(5_000);
                socket.getOutputStream()
                        .write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

                assertThat(response).as(target).startsWith("HTTP/1.1 400");
                assertThat(response.toLowerCase(Locale.ROOT)).contains("content-type: application/problem+json");
                assertThat(response)
                        .contains("\"status\":400")
                        .contains("not a valid URI")
                        .contains("requestId");
            }
        }
        assertThat(http.get("/v1/unknown").status())
                .as("other requests unaffected")
                .isEqualTo(404);
    }

    @Test
    void answersUnknownRoutesWithANotFoundProblem() {
        assertProblem(http.get("/v1/unknown"), 404, "not-found");
    }

    @Test
    void staysReadyWhileADownstreamIsDown() {
        http.get("/v1/dead/anything");

        assertThat(http.get("/readyz").status()).isEqualTo(200);
        assertThat(http.get("/livez").status()).isEqualTo(200);
    }

    @Test
    void servesTheAggregatedSwaggerUi() {
        var config = http.get("/v3/api-docs/gateway/swagger-config");

        assertThat(config.status()).isEqualTo(200);
        assertThat(config.text()).contains("/v3/api-docs/catalog");
    }

    private static FakeDownstream start() {
        try {
            return new FakeDownstream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
