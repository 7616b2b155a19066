package dev.mercato.catalog.product;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.catalog.AdminApiTest;
import dev.mercato.messaging.topology.Exchanges;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Every committed product write leaves as an event on mercato.events, in order; a refused write leaves none. */
class ProductEventsIT extends AdminApiTest {

    @Autowired
    AmqpAdmin admin;

    @Autowired
    RabbitTemplate rabbit;

    String queue;

    @BeforeEach
    void listen() {
        queue = "it.catalog.product-events." + UUID.randomUUID();
        admin.declareQueue(new Queue(queue, false, false, false)); // receive() cancels its consumer: no auto-delete
        admin.declareBinding(BindingBuilder.bind(new Queue(queue))
                .to(new TopicExchange(Exchanges.EVENTS))
                .with("product.*"));
    }

    @AfterEach
    void stopListening() {
        admin.deleteQueue(queue);
    }

    @Test
    void publishesCreatedUpdatedAndDeletedInOrderWithTheContractedBodies() throws Exception {
        ProductBody body = ProductBody.valid();
        String id =
                asAdmin("POST", "/v1/products", body.json()).json().get("id").asString();
        assertThat(asAdmin(
                                "PUT",
                                "/v1/products/" + id,
                                body.price("7.50", "EUR").json(),
                                "If-Match",
                                "\"1\"")
                        .status())
                .isEqualTo(200);
        assertThat(asAdmin("DELETE", "/v1/products/" + id, null, "If-Match", "\"2\"")
                        .status())
                .isEqualTo(204);

        List<Message> events = receiveFor(id, 3);

        assertThat(events)
                .extracting(m -> m.getMessageProperties().getType())
                .containsExactly("product.created.v1", "product.updated.v1", "product.deleted.v1");
        assertThat(events)
                .extracting(m -> m.getMessageProperties().getReceivedRoutingKey())
                .containsExactly("product.created", "product.updated", "product.deleted");
        JsonNode created = json(events.get(0));
        JsonNode updated = json(events.get(1));
        JsonNode deleted = json(events.get(2));
        assertThat(created.get("sku").asString()).isEqualTo(body.sku());
        assertThat(created.get("version").asInt()).isEqualTo(1);
        assertThat(updated.get("price").get("amount").asString()).isEqualTo("7.50");
        assertThat(updated.get("version").asInt()).isEqualTo(2);
        assertThat(deleted.get("version").asInt()).isEqualTo(2);
        assertHasEveryRequiredField(created, "product.created.v1");
        assertHasEveryRequiredField(updated, "product.updated.v1");
        assertHasEveryRequiredField(deleted, "product.deleted.v1");
        assertThat(events)
                .extracting(m -> m.getMessageProperties().getMessageId())
                .doesNotContainNull()
                .doesNotHaveDuplicates();
    }

    @Test
    void announcesAScheduledProductWhenItIsPublished() throws Exception {
        ProductBody body = ProductBody.valid()
                .with("publishAt", Instant.now().plusSeconds(1).toString());
        String id =
                asAdmin("POST", "/v1/products", body.json()).json().get("id").asString();

        List<Message> events = receiveFor(id, 2);

        assertThat(events)
                .extracting(m -> m.getMessageProperties().getType())
                .containsExactly("product.created.v1", "product.published.v1");
        JsonNode created = json(events.get(0));
        JsonNode published = json(events.get(1));
        assertThat(created.get("published").asBoolean()).isFalse();
        assertThat(published.get("published").asBoolean()).isTrue();
        assertThat(published.get("version").asInt()).isEqualTo(2);
        assertThat(published.get("publishAt").asString())
                .isEqualTo(created.get("publishAt").asString());
        assertHasEveryRequiredField(published, "product.published.v1");
    }

    @Test
    void aRefusedWriteLeavesNoEvent() {
        ProductBody body = ProductBody.valid();
        String id =
                asAdmin("POST", "/v1/products", body.json()).json().get("id").asString();
        assertThat(asAdmin("PUT", "/v1/products/" + id, body.json(), "If-Match", "\"9\"")
                        .status())
                .as("stale If-Match")
                .isEqualTo(412);
        assertThat(asAdmin("PUT", "/v1/products/" + id, body.price("-1", "EUR").json(), "If-Match", "\"1\"")
                        .status())
                .as("invalid price")
                .isEqualTo(400);
        assertThat(asAdmin("DELETE", "/v1/products/" + id, null, "If-Match", "\"1\"")
                        .status())
                .isEqualTo(204);

        assertThat(receiveFor(id, 2))
                .extracting(m -> m.getMessageProperties().getType())
                .containsExactly("product.created.v1", "product.deleted.v1");
    }

    /** The next {@code count} events about one product, skipping other tests' products; fails after 10 s. */
    private List<Message> receiveFor(String productId, int count) {
        List<Message> found = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (found.size() < count && System.nanoTime() < deadline) {
            Message message = rabbit.receive(queue, 500);
            if (message != null
                    && productId.equals(json(message).get("productId").asString())) {
                found.add(message);
            }
        }
        assertThat(found).as("events about product " + productId).hasSize(count);
        Message extra = rabbit.receive(queue, 300);
        if (extra != null) {
            assertThat(json(extra).get("productId").asString())
                    .as("no further event about this product")
                    .isNotEqualTo(productId);
        }
        return found;
    }

    private static JsonNode json(Message message) {
        return JSON.readTree(message.getBody());
    }

    private static void assertHasEveryRequiredField(JsonNode payload, String schema) throws IOException {
        JsonNode contract = JSON.readTree(Files.readString(Path.of("../../contracts/events", schema + ".json")));
        List<String> required = new ArrayList<>();
        contract.get("required").forEach(field -> required.add(field.asString()));
        assertThat(required).isNotEmpty();
        for (String field : required) {
            assertThat(payload.has(field) && !payload.get(field).isNull())
                    .as(schema + " requires " + field + " in " + payload)
                    .isTrue();
        }
    }
}
