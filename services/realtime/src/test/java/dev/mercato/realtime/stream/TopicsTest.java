package dev.mercato.realtime.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class TopicsTest {

    private final UUID caller = UUID.randomUUID();

    @Test
    void ordersAreTheCallersOwnChannel() {
        var topics = Topics.parse("orders", caller, 5);

        assertThat(topics).containsOnlyKeys("orders:" + caller);
        assertThat(topics.get("orders:" + caller).name()).isEqualTo("orders");
    }

    @Test
    void chatIsTheCallersOwnChannel() {
        var topics = Topics.parse("chat,orders", caller, 5);

        assertThat(topics.keySet()).containsExactly("chat:" + caller, "orders:" + caller);
        assertThat(topics.get("chat:" + caller).name()).isEqualTo("chat");
        assertThat(Topic.nameOf("chat:" + caller)).isEqualTo("chat");
    }

    @Test
    void notificationsAreTheCallersOwnChannel() {
        var topics = Topics.parse("notifications", caller, 5);

        assertThat(topics).containsOnlyKeys("notifications:" + caller);
        assertThat(topics.get("notifications:" + caller).name()).isEqualTo("notifications");
        assertThat(Topic.nameOf("notifications:" + caller)).isEqualTo("notifications");
        assertThatThrownBy(() -> Topics.parse("notifications:" + UUID.randomUUID(), caller, 5))
                .as("nobody names another user's notifications")
                .hasMessageContaining("is not a topic");
    }

    @Test
    void readsProductsAndOrdersInOrderCountingDuplicatesOnce() {
        UUID product = UUID.randomUUID();

        var topics = Topics.parse(" product:" + product + ",orders,product:" + product, caller, 2);

        assertThat(topics.keySet()).containsExactly("product:" + product, "orders:" + caller);
        assertThat(topics.get("product:" + product).name()).isEqualTo("product:" + product);
    }

    @Test
    void refusesMissingEmptyUnknownAndMalformedTopics() {
        assertThatThrownBy(() -> Topics.parse(null, caller, 5)).hasMessageContaining("at least one topic");
        assertThatThrownBy(() -> Topics.parse(" ", caller, 5)).hasMessageContaining("at least one topic");
        assertThatThrownBy(() -> Topics.parse("orders,", caller, 5)).hasMessageContaining("'' is not a topic");
        assertThatThrownBy(() -> Topics.parse("messages", caller, 5)).hasMessageContaining("'messages' is not a topic");
        assertThatThrownBy(() -> Topics.parse("chat:" + UUID.randomUUID(), caller, 5))
                .as("nobody names another user's chat")
                .hasMessageContaining("is not a topic");
        assertThatThrownBy(() -> Topics.parse("orders:" + UUID.randomUUID(), caller, 5))
                .as("nobody names another user's orders")
                .hasMessageContaining("is not a topic");
        assertThatThrownBy(() -> Topics.parse("product:42", caller, 5)).hasMessageContaining("product:<product id");
        assertThatThrownBy(() -> Topics.parse("product:1-2-3-4-5", caller, 5))
                .hasMessageContaining("product:<product id");
    }

    @Test
    void aProductIdInCapitalsIsTheSameProduct() {
        UUID product = UUID.randomUUID();

        var topics = Topics.parse("product:" + product.toString().toUpperCase(), caller, 5);

        assertThat(topics).containsOnlyKeys("product:" + product);
    }

    @Test
    void refusesMoreTopicsThanAllowed() {
        String three = "orders,product:" + UUID.randomUUID() + ",product:" + UUID.randomUUID();

        assertThatThrownBy(() -> Topics.parse(three, caller, 2)).hasMessageContaining("at most 2 topics");
    }
}
