package dev.mercato.realtime.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.realtime.RealtimeIntegrationTest;
import dev.mercato.realtime.TestEvents;
import dev.mercato.testsupport.http.SseClient;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Domain events through the real broker, the history and the backplane to the connections that follow them. */
class LiveDeliveryIT extends RealtimeIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void anOrdersStatusReachesItsOwnerAndNobodyElse() {
        var owner = shopper();
        var other = shopper();
        UUID order = UUID.randomUUID();
        try (SseClient mine = stream("topics=orders", owner.bearer());
                SseClient theirs = stream("topics=orders", other.bearer())) {
            assertThat(mine.next(WAIT).comment()).as("the opening comment").isEqualTo("connected");
            assertThat(theirs.next(WAIT).comment()).isEqualTo("connected");

            publish(TestEvents.orderCreated(order, owner.id()));
            publish(TestEvents.orderConfirmed(order, owner.id()));
            UUID theirOrder = UUID.randomUUID();
            publish(TestEvents.orderCreated(theirOrder, other.id()));

            var created = mine.nextEvent(WAIT);
            var confirmed = mine.nextEvent(WAIT);
            assertThat(created.event()).isEqualTo("order.status");
            JsonNode data = json.readTree(created.data());
            assertThat(data.get("orderId").asString()).isEqualTo(order.toString());
            assertThat(data.get("status").asString()).isEqualTo("PENDING");
            assertThat(data.get("at").asString()).isEqualTo("2026-12-06T10:00:00Z");
            assertThat(json.readTree(confirmed.data()).get("status").asString()).isEqualTo("CONFIRMED");
            assertThat(created.id()).isNotBlank();

            var first = theirs.nextEvent(WAIT);
            assertThat(json.readTree(first.data()).get("orderId").asString())
                    .as("the other user's first event is their own order, never the owner's")
                    .isEqualTo(theirOrder.toString());
        }
    }

    @Test
    void aRedeliveredOrOlderEventIsNotSentAgain() {
        var owner = shopper();
        UUID order = UUID.randomUUID();
        try (SseClient stream = stream("topics=orders", owner.bearer())) {
            var created = TestEvents.orderCreated(order, owner.id());
            publish(created);
            publish(TestEvents.orderConfirmed(order, owner.id()));
            publish(created); // a redelivery
            publish(TestEvents.orderCreated(order, owner.id())); // an older status arriving late
            UUID marker = UUID.randomUUID();
            publish(TestEvents.orderCreated(marker, owner.id()));

            assertThat(stream.nextEvent(WAIT).data()).contains("PENDING");
            assertThat(stream.nextEvent(WAIT).data()).contains("CONFIRMED");
            assertThat(stream.nextEvent(WAIT).data()).contains(marker.toString());
        }
    }

    @Test
    void productSubscribersSeePriceAndStockChangesOnly() {
        var shopper = shopper();
        UUID product = UUID.randomUUID();
        try (SseClient stream = stream("topics=product:" + product, shopper.bearer())) {
            publish(TestEvents.productUpdated(product, 2, "10.00", true));
            publish(TestEvents.productUpdated(product, 3, "8.00", true)); // price only
            publish(TestEvents.productUpdated(product, 4, "8.00", true)); // nothing that realtime shows
            publish(TestEvents.productDeleted(product, 4));

            var events = java.util.List.of(
                    stream.nextEvent(WAIT), stream.nextEvent(WAIT), stream.nextEvent(WAIT), stream.nextEvent(WAIT));
            assertThat(events)
                    .extracting(SseClient.Frame::event)
                    .containsExactly("product.price", "product.stock", "product.price", "product.stock");
            assertThat(json.readTree(events.get(2).data())
                            .get("price")
                            .get("amount")
                            .asString())
                    .isEqualTo("8.00");
            assertThat(json.readTree(events.get(3).data()).get("inStock").asBoolean())
                    .isFalse();
            assertThat(stream.eventsWithin(Duration.ofMillis(500))).isEmpty();
        }
    }

    @Test
    void anIdleConnectionGetsAHeartbeat() {
        try (SseClient stream = stream("topics=orders", shopper().bearer())) {
            assertThat(stream.next(WAIT).comment()).isEqualTo("connected");

            var next = stream.next(Duration.ofMillis(2_500));

            assertThat(next).as("a heartbeat within the tests' 1 s interval").isNotNull();
            assertThat(next.comment()).isEqualTo("heartbeat");
        }
    }
}
