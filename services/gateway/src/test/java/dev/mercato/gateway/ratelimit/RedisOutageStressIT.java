package dev.mercato.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.mercato.gateway.GatewayApplication;
import dev.mercato.gateway.ThreadDump;
import dev.mercato.testsupport.redis.PrivateRedis;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Hunts a hang seen once in {@link GatewayRateLimitIT}: Redis is killed and restarted again and again while requests
 * go through the rate limiter, each with a client timeout far below the 30 s of the test client. A request without an
 * answer in time fails the run and prints every thread's stack. Long-running, so only on demand:
 * {@code -Dratelimit.stress.iterations=200}.
 */
@EnabledIfSystemProperty(named = "ratelimit.stress.iterations", matches = "[0-9]+")
class RedisOutageStressIT {

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(8);

    static PrivateRedis redis;
    static HttpServer downstream;
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;
    static final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    @BeforeAll
    static void start() {
        redis = PrivateRedis.start();
        try {
            downstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        downstream.createContext("/", exchange -> {
            byte[] body = "{\"items\":[],\"nextCursor\":null}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        downstream.start();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("server.port", 0);
        p.put("management.server.port", 0);
        p.put("eureka.client.enabled", false);
        p.put("MERCATO_LOG_FORMAT", "text");
        p.put("CATALOG_URI", "http://127.0.0.1:" + downstream.getAddress().getPort());
        p.put("spring.data.redis.port", redis.port());
        p.put("gateway.rate-limits.key-prefix", "stress:" + UUID.randomUUID() + ":");
        p.put("gateway.rate-limits.redis-timeout", "2s");
        p.put("resilience4j.circuitbreaker.instances.ratelimit-redis.slow-call-duration-threshold", "2s");
        p.put("gateway.rate-limits.tiers[0].name", "catalog");
        p.put("gateway.rate-limits.tiers[0].algorithm", "token-bucket");
        p.put("gateway.rate-limits.tiers[0].limit", 1_000_000);
        p.put("gateway.rate-limits.tiers[0].period", "1h");
        p.put("gateway.rate-limits.tiers[0].burst", 1_000_000);
        p.put("gateway.rate-limits.tiers[0].routes", "catalog-read");
        String[] args = p.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        first = new SpringApplicationBuilder(GatewayApplication.class).run(args);
        second = new SpringApplicationBuilder(GatewayApplication.class).run(args);
    }

    @AfterAll
    static void stop() {
        if (first != null) first.close();
        if (second != null) second.close();
        if (downstream != null) downstream.stop(0);
        if (redis != null) redis.close();
    }

    @Test
    void everyRequestIsAnsweredWhileRedisGoesAwayAndComesBack() throws Exception {
        int iterations = Integer.getInteger("ratelimit.stress.iterations");
        int requests = 0;
        for (int i = 0; i < iterations; i++) {
            // Requests in flight while Redis is killed, then sequential ones as in GatewayRateLimitIT.
            List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
            for (int j = 0; j < 4; j++) {
                inFlight.add(send(i % 2 == 0 ? first : second, "k-" + i + "-" + j));
            }
            redis.stop();
            for (int j = 0; j < 12; j++) {
                inFlight.add(send(first, "down-" + i + "-" + j));
                requests++;
                answered(inFlight.getLast(), i);
            }
            for (var response : inFlight) {
                answered(response, i);
            }
            redis.restart();
            for (int j = 0; j < 8; j++) {
                answered(send(j % 2 == 0 ? first : second, "up-" + i + "-" + j), i);
                requests++;
                Thread.sleep(250 + (i % 5) * 50);
            }
            if (i % 10 == 0) {
                System.out.println("stress: iteration " + i + ", " + requests + " requests answered");
            }
        }
        System.out.println("stress: " + iterations + " iterations, " + requests + " requests, all answered");
    }

    private static CompletableFuture<HttpResponse<String>> send(ConfigurableApplicationContext gateway, String key) {
        int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/products"))
                .timeout(ANSWER_WITHIN)
                .header("X-Api-Key", key)
                .GET()
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void answered(CompletableFuture<HttpResponse<String>> response, int iteration)
            throws InterruptedException {
        try {
            int status = response.get().statusCode();
            assertThat(status).isIn(200, 429, 503, 504);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException) {
                dumpThreads();
                throw new AssertionError(
                        "no answer within " + ANSWER_WITHIN + " in iteration " + iteration, e.getCause());
            }
            throw new AssertionError(e.getCause());
        }
    }

    /** Every thread's stack and locks, while the request is still stuck (the gateways run in this JVM). */
    private static void dumpThreads() {
        String dump = ThreadDump.now();
        try {
            Path file = Path.of("target", "RedisOutageStressIT-threads-" + System.currentTimeMillis() + ".txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, dump);
            System.out.println("stress: request hung; threads dumped to " + file.toAbsolutePath());
        } catch (IOException e) {
            System.out.println("stress: request hung; threads:\n" + dump);
        }
    }
}
