package dev.mercato.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The conditions under which the gateway used to leave a request unanswered forever: a freshly started gateway, a
 * burst of new connections 16 at a time on routes with and without a token, and rate-limit decisions that time out
 * while the Redis commands behind them are being written (here forced with a 1 ms decision timeout and a breaker that
 * reopens after 20 ms). The cause was Lettuce's per-command tracing throwing from a cancelled command, which made
 * Reactor's timeout lose its signal (ADR 013). Each request must be answered by the gateway itself, not by the
 * {@code ResponseGuard} that catches whatever else might hang.
 */
class GatewayColdBurstIT {

    static final int REQUESTS = 3_000;
    static final int CONCURRENCY = 16;
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);

    static GatewayFixture fixture;
    static String token;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start();
        token = fixture.token();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void answersEveryRequestOfAColdBurstWhileDecisionsTimeOut() throws Exception {
        try (ConfigurableApplicationContext gateway = gateway(Map.of(
                "gateway.rate-limits.redis-timeout", "1ms",
                "resilience4j.circuitbreaker.instances.ratelimit-redis.wait-duration-in-open-state", "20ms"))) {
            Burst burst = burst(GatewayFixture.port(gateway));

            assertThat(burst.unanswered)
                    .as("requests with no answer within " + ANSWER_WITHIN)
                    .isEmpty();
            assertThat(burst.statuses.keySet()).as("statuses").allMatch(status -> status < 500);
            assertThat(GatewayFixture.count(gateway, "gateway.guard.rescues"))
                    .as("requests only the guard answered")
                    .isZero();
            assertThat(GatewayFixture.gauge(gateway, "gateway.ratelimit.degraded"))
                    .as("late decisions are decided locally one by one, Redis is not declared down")
                    .isZero();
        }
    }

    @Test
    void decidesOnRedisRightAfterStart() throws Exception {
        try (ConfigurableApplicationContext gateway = gateway(Map.of())) {
            Burst burst = burst(GatewayFixture.port(gateway));

            assertThat(burst.unanswered).isEmpty();
            assertThat(burst.statuses).containsOnlyKeys(200);
            double onRedis = GatewayFixture.decisions(gateway, "redis");
            double local = GatewayFixture.decisions(gateway, "local");
            // A decision Redis answers later than redis-timeout (250 ms) is made locally, that one only: on a box
            // busy with other builds 12 of 3,000 were (0.4%). What this guards against, Redis taken for down after a
            // cold start, sends hundreds of them or all local.
            assertThat(onRedis / (onRedis + local))
                    .as("share of the decisions made on Redis (%s on Redis, %s local)", onRedis, local)
                    .isGreaterThanOrEqualTo(0.99);
            assertThat(GatewayFixture.gauge(gateway, "gateway.ratelimit.degraded"))
                    .as("Redis is not declared down")
                    .isZero();
        }
    }

    record Burst(Map<Integer, Integer> statuses, List<String> unanswered) {}

    /** Every request on a connection of its own, as many separate clients would. */
    private static Burst burst(int port) throws Exception {
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        List<String> unanswered = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService clients = Executors.newFixedThreadPool(CONCURRENCY)) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CONCURRENCY; c++) {
                running.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < REQUESTS; i = next.getAndIncrement()) {
                        String path = switch (i % 3) {
                            case 0 -> "/v1/products";
                            case 1 -> "/v1/users/me";
                            default -> "/v1/categories";
                        };
                        boolean withToken = i % 3 != 0;
                        try {
                            statuses.merge(get(port, path, withToken), 1, Integer::sum);
                        } catch (IOException noAnswer) {
                            unanswered.add("#" + i + " " + path + ": " + noAnswer);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        }
        return new Burst(statuses, unanswered);
    }

    /** One GET on a new connection, closed after the answer; the status code. */
    private static int get(int port, String path, boolean withToken) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(Math.toIntExact(ANSWER_WITHIN.toMillis()));
            String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + (withToken ? "Authorization: Bearer " + token + "\r\n" : "")
                    + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            if (!response.startsWith("HTTP/1.1 ")) {
                throw new IOException("no status line, got: " + response);
            }
            return Integer.parseInt(response.substring(9, 12));
        }
    }

    private static ConfigurableApplicationContext gateway(Map<String, String> overrides) {
        return fixture.gateway(overrides);
    }
}
