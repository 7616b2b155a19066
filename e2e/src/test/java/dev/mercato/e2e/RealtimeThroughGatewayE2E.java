package dev.mercato.e2e;

import static dev.mercato.testsupport.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.http.SseClient;
import dev.mercato.testsupport.http.WsClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 15's acceptance through the gateway, for the event stream and the WebSocket alike: a customer follows their
 * orders, checks out with {@code tok_ok} and sees PENDING then CONFIRMED within a second of the saga confirming; after
 * a disconnect and another checkout, resuming from the last event id brings exactly the missed events, none twice; a
 * ticket opens one connection; no credentials, 401; another customer's orders never show.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealtimeThroughGatewayE2E {

    private static final Duration SAGA = Duration.ofSeconds(30);
    private static final Duration DELIVERY = Duration.ofSeconds(1);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    Platform platform;
    HttpJson gateway;
    Operator operator;
    String productId;

    @BeforeAll
    void start() {
        platform = Platform.shared();
        gateway = platform.viaGateway();
        operator = new Operator(gateway);
        JsonNode product = operator.product(2);
        operator.setOnHand(product.get("sku").asString(), 1_000);
        productId = product.get("id").asString();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aCustomerFollowsTheirOrdersLiveAndResumesExactlyWhereTheyLeft(Transport transport) throws Exception {
        Shopper customer = Shopper.register(gateway);
        Shopper other = Shopper.register(gateway);
        int port = platform.port("gateway");

        String lastSeen;
        try (Feed feed = transport.open(port, "Bearer " + customer.token(), null, null)) {
            other.add(productId, 1);
            String othersOrder = other.checkout("tok_ok");
            customer.add(productId, 1);
            String order = customer.checkout("tok_ok");

            List<Event> events = feed.untilStatus(order, "CONFIRMED", SAGA);
            assertThat(events).extracting(Event::status).containsExactly("PENDING", "CONFIRMED");
            Event confirmed = events.getLast();
            assertThat(Duration.between(confirmed.at(), confirmed.receivedAt()))
                    .as("CONFIRMED on the %s within 1 s of the saga confirming the order", transport)
                    .isLessThan(DELIVERY);
            other.awaitTerminal(othersOrder, SAGA);
            assertThat(feed.within(Duration.ofMillis(500)))
                    .as("nothing else, in particular not the other customer's order %s", othersOrder)
                    .isEmpty();
            lastSeen = confirmed.id();
        }

        customer.add(productId, 1);
        String missed = customer.checkout("tok_ok");
        customer.awaitStatus(missed, "CONFIRMED", SAGA);

        try (Feed resumed = transport.open(port, "Bearer " + customer.token(), null, lastSeen)) {
            List<Event> events = resumed.untilStatus(missed, "CONFIRMED", SAGA);
            assertThat(events)
                    .as("exactly the missed events")
                    .extracting(Event::orderId, Event::status)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(missed, "PENDING"),
                            org.assertj.core.groups.Tuple.tuple(missed, "CONFIRMED"));
            assertThat(resumed.within(Duration.ofMillis(500))).as("none twice").isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aTicketOpensOneConnectionAndNoCredentialsNone(Transport transport) {
        Shopper customer = Shopper.register(gateway);
        int port = platform.port("gateway");
        HttpJson.Response issued = customer.send("POST", "/v1/stream/tickets", "");
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        String ticket = issued.json().get("ticket").asString();

        try (Feed first = transport.open(port, null, ticket, null)) {
            assertThat(first).isNotNull();
        }
        assertThatThrownBy(() -> transport.open(port, null, ticket, null))
                .as("a ticket's second use")
                .isInstanceOfSatisfying(
                        Refused.class,
                        refused -> assertThat(refused.status)
                                .as(refused.getMessage())
                                .isEqualTo(transport.ticketRefusal));
        for (String authorization : new String[] {null, "Bearer not-a-token"}) {
            assertThatThrownBy(() -> transport.open(port, authorization, null, null))
                    .as("Authorization: %s", authorization)
                    .isInstanceOfSatisfying(
                            Refused.class,
                            refused -> assertThat(refused.status)
                                    .as(refused.getMessage())
                                    .isEqualTo(401));
        }
        assertProblem(gateway.get(transport.path), 401, "unauthorized");
    }

    /** An order's status as a connection received it. */
    record Event(String id, String orderId, String status, Instant at, Instant receivedAt) {

        static Event of(String id, String data) {
            JsonNode order = JSON.readTree(data);
            return new Event(
                    id,
                    order.get("orderId").asString(),
                    order.get("status").asString(),
                    Instant.parse(order.get("at").asString()),
                    Instant.now());
        }
    }

    /** @param status the HTTP status, or the close code of a WebSocket the gateway upgraded before realtime refused it */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String how) {
            super(how + ": " + status);
            this.status = status;
        }
    }

    /** One connection following the caller's {@code orders}. */
    interface Feed extends AutoCloseable {

        /** The next order event, or null when none came in time. */
        @Nullable
        Event next(Duration timeout);

        @Override
        void close();

        /** The events up to the order's {@code status}. */
        default List<Event> untilStatus(String orderId, String status, Duration timeout) {
            List<Event> events = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                Event event = next(Duration.ofNanos(deadline - System.nanoTime()));
                if (event == null) {
                    break;
                }
                events.add(event);
                if (event.orderId().equals(orderId) && event.status().equals(status)) {
                    return events;
                }
            }
            throw new AssertionError("no " + status + " for order " + orderId + " within " + timeout + ": " + events);
        }

        default List<Event> within(Duration window) {
            List<Event> events = new ArrayList<>();
            long deadline = System.nanoTime() + window.toNanos();
            Event event;
            while (System.nanoTime() < deadline
                    && (event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) != null) {
                events.add(event);
            }
            return events;
        }
    }

    enum Transport {
        EVENT_STREAM("/v1/stream?topics=orders", 401) {
            @Override
            Feed open(int port, @Nullable String authorization, @Nullable String ticket, @Nullable String since) {
                List<String> headers = new ArrayList<>();
                if (authorization != null) {
                    headers.addAll(List.of("Authorization", authorization));
                }
                if (since != null) {
                    headers.addAll(List.of("Last-Event-ID", since));
                }
                SseClient stream = SseClient.open(
                        port, path + (ticket == null ? "" : "&ticket=" + ticket), headers.toArray(String[]::new));
                if (stream.status() != 200) {
                    stream.close();
                    throw new Refused(stream.status(), "refused");
                }
                return new Feed() {
                    @Override
                    public @Nullable Event next(Duration timeout) {
                        SseClient.Frame frame = stream.nextEvent(timeout);
                        return frame == null ? null : Event.of(frame.id(), frame.data());
                    }

                    @Override
                    public void close() {
                        stream.close();
                    }
                };
            }
        },
        /**
         * The gateway answers a WebSocket upgrade before it opens one to realtime: realtime's refusal of a used ticket
         * reaches the client as a close (1002, protocol error) right after the upgrade. Without a ticket the gateway itself requires
         * the token, so no credentials or a bad token is a 401 before any upgrade (ADR 015).
         */
        WEB_SOCKET("/v1/ws", 1002) {
            @Override
            Feed open(int port, @Nullable String authorization, @Nullable String ticket, @Nullable String since) {
                WsClient socket;
                try {
                    socket = authorization == null
                            ? WsClient.open(port, path + (ticket == null ? "" : "?ticket=" + ticket))
                            : WsClient.open(port, path, "Authorization", authorization);
                } catch (WsClient.Refused refused) {
                    throw new Refused(refused.status(), "upgrade refused");
                }
                socket.send("{\"type\":\"subscribe\",\"topics\":[\"orders\"]"
                        + (since == null ? "" : ",\"since\":\"" + since + "\"") + "}");
                // the reply confirms the live subscription; replayed events may come before it
                JsonNode first = socket.next(Duration.ofSeconds(10));
                if (first == null) {
                    WsClient.Closed closed = socket.closed(Duration.ofSeconds(5));
                    socket.close();
                    throw new Refused(closed == null ? 0 : closed.code(), "upgraded, then closed: " + closed);
                }
                List<JsonNode> early = new ArrayList<>(List.of(first));
                return new Feed() {
                    @Override
                    public @Nullable Event next(Duration timeout) {
                        JsonNode frame = early.isEmpty()
                                ? socket.next(
                                        f -> Set.of("event", "reset")
                                                .contains(f.path("type").asString()),
                                        timeout)
                                : early.removeFirst();
                        if (frame != null && frame.path("type").asString().equals("subscribed")) {
                            return next(timeout);
                        }
                        return frame == null
                                ? null
                                : Event.of(
                                        frame.get("id").asString(),
                                        frame.get("data").toString());
                    }

                    @Override
                    public void close() {
                        socket.close();
                    }
                };
            }
        };

        final String path;
        final int ticketRefusal;

        Transport(String path, int ticketRefusal) {
            this.path = path;
            this.ticketRefusal = ticketRefusal;
        }

        /**
         * @throws Refused when the gateway or the service refused the connection
         */
        abstract Feed open(int port, @Nullable String authorization, @Nullable String ticket, @Nullable String since);
    }
}
