package dev.mercato.realtime.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercato.realtime.TestEvents;
import dev.mercato.realtime.history.Publication;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TranslationTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final OrderStatusEvents orders = new OrderStatusEvents(json);
    private final ProductEvents products = new ProductEvents(json);
    private final NotificationEvents notifications = new NotificationEvents(json);
    private final UUID order = UUID.randomUUID();
    private final UUID user = UUID.randomUUID();

    @Test
    void anOrderEventIsAStatusOnItsOwnersChannelRankedByStatus() {
        var created = orders.translate(TestEvents.orderCreated(order, user));
        var confirmed = orders.translate(TestEvents.orderConfirmed(order, user));
        var cancelled = orders.translate(TestEvents.orderCancelled(order, user, "payment_declined"));

        assertThat(created.state()).isEqualTo("order:" + order);
        assertThat(created.publications()).singleElement().satisfies(p -> {
            assertThat(p.channel()).isEqualTo("orders:" + user);
            assertThat(p.event()).isEqualTo("order.status");
            assertThat(p.stateField()).isNull();
        });
        assertThat(data(created.publications().getFirst()))
                .isEqualTo(json.readTree(
                        "{\"orderId\":\"" + order + "\",\"status\":\"PENDING\",\"at\":\"2026-12-06T10:00:00Z\"}"));
        assertThat(data(cancelled.publications().getFirst()).get("reason").asString())
                .isEqualTo("payment_declined");
        assertThat(data(confirmed.publications().getFirst()).get("status").asString())
                .isEqualTo("CONFIRMED");
        assertThat(created.version()).isLessThan(confirmed.version());
        assertThat(confirmed.version()).isLessThan(cancelled.version());
    }

    @Test
    void anOrderEventWithoutItsOwnerIsUnreadable() {
        var event = TestEvents.orderCreated(order, user);
        ((tools.jackson.databind.node.ObjectNode) event.payload()).remove("userId");

        assertThatThrownBy(() -> orders.translate(event)).hasMessageContaining("userId");
    }

    @Test
    void aProductSnapshotOffersPriceAndStockEachAppendedOnlyWhenChanged() {
        UUID product = UUID.randomUUID();

        var updated = products.translate(TestEvents.productUpdated(product, 4, "9.50", true));

        assertThat(updated.state()).isEqualTo("product:" + product);
        assertThat(updated.version()).isEqualTo(8);
        assertThat(updated.publications())
                .extracting(Publication::event, Publication::stateField, Publication::stateValue)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("product.price", "price", "9.50 EUR"),
                        org.assertj.core.groups.Tuple.tuple("product.stock", "inStock", "true"));
        assertThat(data(updated.publications().getFirst())
                        .get("price")
                        .get("amount")
                        .asString())
                .isEqualTo("9.50");
        assertThat(updated.publications())
                .allSatisfy(p -> assertThat(p.channel()).isEqualTo("product:" + product));
    }

    @Test
    void aDeletedProductIsOutOfStockJustAfterItsLastChange() {
        UUID product = UUID.randomUUID();

        var deleted = products.translate(TestEvents.productDeleted(product, 4));

        assertThat(deleted.version()).isEqualTo(9);
        assertThat(deleted.publications()).singleElement().satisfies(p -> {
            assertThat(p.event()).isEqualTo("product.stock");
            assertThat(data(p).get("inStock").asBoolean()).isFalse();
        });
    }

    @Test
    void anUnpublishedProductSaysNothing() {
        var event = TestEvents.productUpdated(UUID.randomUUID(), 2, "1.00", true);
        ((tools.jackson.databind.node.ObjectNode) event.payload()).put("published", false);

        assertThat(products.translate(event).publications()).isEmpty();
    }

    @Test
    void anInAppNotificationGoesToItsUsersChannelOnce() {
        var notification = TestEvents.notificationCreated(user, order, "Il tuo ordine è confermato");

        var appended = notifications.translate(notification);

        assertThat(appended.messageId()).isEqualTo(notification.messageId());
        assertThat(appended.state()).isNull();
        assertThat(appended.publications()).singleElement().satisfies(p -> {
            assertThat(p.channel()).isEqualTo("notifications:" + user);
            assertThat(p.event()).isEqualTo("notification");
            assertThat(p.stateField()).isNull();
        });
        JsonNode data = data(appended.publications().getFirst());
        assertThat(data.get("title").asString()).isEqualTo("Il tuo ordine è confermato");
        assertThat(data.get("template").asString()).isEqualTo("order-confirmed");
        assertThat(data.get("orderId").asString()).isEqualTo(order.toString());
        assertThat(data.get("eventId").asString())
                .isEqualTo(notification.payload().get("eventId").asString());
        assertThat(data.get("at").asString()).isEqualTo("2026-12-07T10:00:02Z");
    }

    @Test
    void aNotificationAboutNoOrderSaysSoAndOneWithoutATitleIsUnreadable() {
        var reminder = notifications.translate(TestEvents.notificationCreated(user, null, "Il carrello ti aspetta"));
        assertThat(data(reminder.publications().getFirst()).get("orderId").isNull())
                .isTrue();

        var untitled = TestEvents.notificationCreated(user, order, "x");
        ((tools.jackson.databind.node.ObjectNode) untitled.payload()).remove("title");
        assertThatThrownBy(() -> notifications.translate(untitled)).hasMessageContaining("title");
    }

    private JsonNode data(Publication publication) {
        return json.readTree(publication.data());
    }
}
