package dev.mercato.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.testsupport.http.SseClient;
import dev.mercato.testsupport.process.ServiceProcess;
import dev.mercato.testsupport.scenario.Evidence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * scenarios.md {@code instance-loss}: two realtime instances, each holding half of the shoppers' event streams, under
 * steady order traffic; one is killed -9. Its shoppers reconnect to the other with their last event id, and every
 * order event reaches its owner exactly once, in order: an event ingested by either instance reaches the clients of
 * both (the Redis backplane), and the killed instance's unacknowledged broker deliveries go to the survivor, which
 * does not repeat what was already delivered (the inbox and the history's ids).
 */
class InstanceLossScenarioE2E {

    private static final int SHOPPERS = 6;
    private static final int ORDERS_EACH = 4;
    private static final Duration SAGA = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theSurvivorServesTheLostInstancesClientsWithoutLossOrRepeat() throws Exception {
        Platform platform = Platform.shared();
        Evidence evidence = new Evidence("instance-loss", "one of two realtime instances is killed -9 under traffic");
        Operator operator = new Operator(platform.viaGateway());
        JsonNode product = operator.product(3);
        operator.setOnHand(product.get("sku").asString(), 1_000);
        String productId = product.get("id").asString();

        ServiceProcess second = platform.startInstance("realtime", "realtime-2");
        int survivor = platform.port("realtime");
        evidence.at("realtime on :%d and realtime-2 on :%d", survivor, second.port());

        List<Shopper> shoppers = new ArrayList<>();
        List<Follower> followers = new ArrayList<>();
        try {
            for (int i = 0; i < SHOPPERS; i++) {
                Shopper shopper = Shopper.register(platform.viaGateway());
                shoppers.add(shopper);
                followers.add(new Follower(shopper.token(), i % 2 == 0 ? survivor : second.port(), survivor));
            }
            for (Follower follower : followers) {
                assertThat(follower.connected.await(30, TimeUnit.SECONDS))
                        .as("every stream open")
                        .isTrue();
            }
            evidence.at("%d streams open, half on each instance", SHOPPERS);

            Map<Integer, List<String>> orders = new ConcurrentHashMap<>();
            AtomicInteger placed = new AtomicInteger();
            List<Thread> traffic = new ArrayList<>();
            for (int i = 0; i < SHOPPERS; i++) {
                Shopper shopper = shoppers.get(i);
                List<String> own = new CopyOnWriteArrayList<>();
                orders.put(i, own);
                traffic.add(Thread.ofVirtual().start(() -> {
                    try {
                        for (int n = 0; n < ORDERS_EACH; n++) {
                            shopper.add(productId, 1);
                            String order = shopper.checkoutRetrying("tok_ok");
                            own.add(order);
                            placed.incrementAndGet();
                            shopper.awaitTerminal(order, SAGA);
                            shopper.awaitEmptyCart();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            Awaitility.await("a third of the orders placed")
                    .atMost(SAGA)
                    .until(() -> placed.get() >= SHOPPERS * ORDERS_EACH / 3);
            second.kill();
            evidence.at("realtime-2 killed -9 after %d orders were placed", placed.get());
            for (Thread thread : traffic) {
                thread.join(SAGA.multipliedBy(ORDERS_EACH).toMillis());
            }
            assertThat(placed.get()).as("every order placed").isEqualTo(SHOPPERS * ORDERS_EACH);
            evidence.at("traffic done: %d orders, every one terminal", placed.get());

            // Awaited per shopper, so a failure says whose stream lacks what (and what else it got).
            Awaitility.await("every order's events at its owner, once each, in order")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        for (int i = 0; i < SHOPPERS; i++) {
                            assertThat(followers.get(i).lines())
                                    .as("shopper %d: %s", i, followers.get(i))
                                    .containsExactlyElementsOf(expected(orders.get(i)));
                        }
                    });
            Thread.sleep(1_000); // anything repeated would arrive now

            int moved = 0;
            for (int i = 0; i < SHOPPERS; i++) {
                Follower follower = followers.get(i);
                List<String> received = follower.lines();
                evidence.invariantEquals(
                        "shopper " + i + "'s order events, once each, in order", received, expected(orders.get(i)));
                assertThat(received).as("shopper %d", i).containsExactlyElementsOf(expected(orders.get(i)));
                assertThat(new HashSet<>(follower.events.stream().map(Event::id).toList()))
                        .as("no event id twice")
                        .hasSize(follower.events.size());
                assertThat(follower.others)
                        .as("no reset, nothing but order events")
                        .isEmpty();
                if (i % 2 == 1) {
                    assertThat(follower.reconnects.get())
                            .as("shopper %d moved to the survivor", i)
                            .isGreaterThanOrEqualTo(1);
                    moved++;
                }
            }
            evidence.invariantEquals("streams that moved to the survivor", moved, SHOPPERS / 2);
            evidence.verdict();
        } finally {
            followers.forEach(Follower::close);
            platform.stop("realtime-2");
            platform.forget("realtime", "realtime-2", "/v1/stream?topics=orders", 401);
        }
    }

    private static List<String> expected(List<String> orders) {
        List<String> expected = new ArrayList<>();
        for (String order : orders) {
            expected.add(order + " PENDING");
            expected.add(order + " CONFIRMED");
        }
        return expected;
    }

    /** One order status event as a shopper's stream delivered it. */
    record Event(String id, String orderId, String status) {
        String line() {
            return orderId + " " + status;
        }
    }

    /**
     * A shopper's event stream as a browser's {@code EventSource} keeps it: when the stream ends it reconnects — to
     * the instance that is left — with the last event id it received.
     */
    static final class Follower implements AutoCloseable {

        final List<Event> events = new CopyOnWriteArrayList<>();
        final List<String> others = new CopyOnWriteArrayList<>();
        final AtomicInteger reconnects = new AtomicInteger();
        final CountDownLatch connected = new CountDownLatch(1);
        private final String token;
        private final int fallback;
        private volatile int port;
        private volatile boolean closed;
        private final Thread reader;

        Follower(String token, int port, int fallback) {
            this.token = token;
            this.port = port;
            this.fallback = fallback;
            this.reader = Thread.ofVirtual().start(this::follow);
        }

        private void follow() {
            String lastId = null;
            while (!closed) {
                try (SseClient stream = SseClient.reconnect(port, "/v1/stream?topics=orders", token, lastId)) {
                    if (stream.status() == 200) {
                        connected.countDown();
                        while (!closed) {
                            SseClient.Frame frame = stream.nextEvent(Duration.ofMillis(200));
                            if (frame == null) {
                                if (stream.ended()) {
                                    break;
                                }
                                continue;
                            }
                            if ("order.status".equals(frame.event())) {
                                JsonNode data = JSON.readTree(frame.data());
                                events.add(new Event(
                                        frame.id(),
                                        data.get("orderId").asString(),
                                        data.get("status").asString()));
                                lastId = frame.id();
                            } else {
                                others.add(frame.event() + " " + frame.data());
                            }
                        }
                    }
                } catch (IllegalStateException unreachable) {
                    // the instance is gone: a connection refused
                } catch (RuntimeException e) {
                    others.add("error " + e);
                }
                if (!closed) {
                    reconnects.incrementAndGet();
                    port = fallback;
                    SseClient.pauseBeforeReconnecting();
                }
            }
        }

        List<String> lines() {
            return events.stream().map(Event::line).toList();
        }

        @Override
        public String toString() {
            return "port " + port + ", " + reconnects.get() + " reconnects, events " + events + ", others " + others;
        }

        @Override
        public void close() {
            closed = true;
            reader.interrupt();
        }
    }
}
