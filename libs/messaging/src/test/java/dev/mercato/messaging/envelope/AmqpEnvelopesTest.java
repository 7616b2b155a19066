package dev.mercato.messaging.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import tools.jackson.databind.json.JsonMapper;

class AmqpEnvelopesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final AmqpEnvelopes envelopes = new AmqpEnvelopes(JSON);

    private static Envelope productCreated() {
        return new Envelope(
                UUID.fromString("0b5c3f0e-8f5e-4a52-9a43-2c1b8f3e9d10"),
                "product.created",
                2,
                Instant.parse("2026-03-01T10:15:30.123456Z"),
                "req-1",
                "6f1c2b9e-1111-4a52-9a43-2c1b8f3e9d10",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                JSON.readTree("{\"sku\":\"LAMP-1\",\"price\":{\"amount\":\"19.90\",\"currency\":\"EUR\"}}"));
    }

    @Test
    void mapsTheEnvelopeToAmqpProperties() {
        Message message = envelopes.toMessage(productCreated());
        MessageProperties properties = message.getMessageProperties();

        assertThat(properties.getMessageId()).isEqualTo("0b5c3f0e-8f5e-4a52-9a43-2c1b8f3e9d10");
        assertThat(properties.getType()).isEqualTo("product.created.v2");
        assertThat(properties.getTimestamp().toInstant()).isEqualTo(Instant.parse("2026-03-01T10:15:30.123Z"));
        assertThat(properties.getCorrelationId()).isEqualTo("req-1");
        assertThat(properties.<String>getHeader("x-causation-id")).isEqualTo("6f1c2b9e-1111-4a52-9a43-2c1b8f3e9d10");
        assertThat(properties.<String>getHeader("traceparent")).startsWith("00-4bf92f35");
        assertThat(properties.getContentType()).isEqualTo("application/json");
        assertThat(properties.getDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
        assertThat(new String(message.getBody(), StandardCharsets.UTF_8))
                .isEqualTo("{\"sku\":\"LAMP-1\",\"price\":{\"amount\":\"19.90\",\"currency\":\"EUR\"}}");
    }

    @Test
    void readsBackWhatItWrote() {
        assertThat(envelopes.fromMessage(envelopes.toMessage(productCreated()))).isEqualTo(productCreated());
    }

    @Test
    void leavesOutAbsentIds() {
        Envelope bare = new Envelope(
                UUID.randomUUID(), "order.placed", 1, Instant.now(), null, null, null, JSON.readTree("{}"));

        Message message = envelopes.toMessage(bare);

        assertThat(message.getMessageProperties().getHeaders()).doesNotContainKeys("x-causation-id", "traceparent");
        assertThat(envelopes.fromMessage(message)).isEqualTo(bare);
    }

    @Test
    void fallsBackToTheAmqpTimestamp() {
        Message message = envelopes.toMessage(productCreated());
        message.getMessageProperties().getHeaders().remove("x-occurred-at");

        assertThat(envelopes.fromMessage(message).occurredAt()).isEqualTo(Instant.parse("2026-03-01T10:15:30.123Z"));
    }

    @Test
    void refusesMessagesThatAreNotEnvelopes() {
        assertMalformed(properties -> properties.setMessageId(null), "no message-id");
        assertMalformed(properties -> properties.setMessageId("42"), "not a UUID");
        assertMalformed(properties -> properties.setType("product.created"), "no versioned type");
        assertMalformed(properties -> properties.setType(null), "no versioned type");
        assertMalformed(properties -> properties.setType("Product Created.v1"), "not a valid envelope");

        Message notJson = new Message(
                "{nope".getBytes(StandardCharsets.UTF_8),
                envelopes.toMessage(productCreated()).getMessageProperties());
        assertThatThrownBy(() -> envelopes.fromMessage(notJson))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("not JSON");
    }

    @Test
    void typesAreStableDottedNames() {
        assertThatThrownBy(() -> Envelope.requireValidType("ProductCreated"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Envelope.requireValidType("dev.mercato.Product"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Envelope.requireValidType("order.payment-captured")).isEqualTo("order.payment-captured");
    }

    private void assertMalformed(java.util.function.Consumer<MessageProperties> damage, String reason) {
        Message message = envelopes.toMessage(productCreated());
        damage.accept(message.getMessageProperties());
        assertThatThrownBy(() -> envelopes.fromMessage(message))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining(reason);
    }
}
