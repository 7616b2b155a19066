package dev.mercato.chat.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.chat.ChatIntegrationTest;
import dev.mercato.messaging.envelope.AmqpEnvelopes;
import dev.mercato.messaging.envelope.Envelope;
import dev.mercato.messaging.topology.Exchanges;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Every stored message and moved read marker leaves through the outbox to mercato.events, naming its recipients. */
class ChatEventsIT extends ChatIntegrationTest {

    @Autowired
    AmqpAdmin admin;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    AmqpEnvelopes envelopes;

    Queue queue;

    @BeforeEach
    void listen() {
        // a plain classic queue of this test (deleted after it), bound to every chat event
        queue = new Queue("it.chat.events." + UUID.randomUUID(), false, false, false);
        admin.declareQueue(queue);
        Binding binding = BindingBuilder.bind(queue)
                .to(new TopicExchange(Exchanges.EVENTS))
                .with("chat.#");
        admin.declareBinding(binding);
    }

    @AfterEach
    void stopListening() {
        admin.deleteQueue(queue.getName());
    }

    @Test
    void aMessageAndAReadMarkerArePublishedToEveryMember() {
        User customer = user("customer");
        User agent = user("support");
        String conversation = customer.openSupport("Events");
        agent.claim(conversation);
        JsonNode sent = customer.sent(conversation, "<i>verbatim</i>");
        customer.send(conversation, sent.get("clientMessageId").asString(), "<i>verbatim</i>");
        agent.post("/v1/chat/conversations/" + conversation + "/read", Map.of("seq", 1));
        agent.post("/v1/chat/conversations/" + conversation + "/read", Map.of("seq", 1));

        List<Envelope> events = receive(2);

        Envelope message = events.get(0);
        assertThat(message.type()).isEqualTo("chat.message");
        assertThat(message.version()).isEqualTo(1);
        JsonNode payload = message.payload();
        assertThat(payload.get("conversationId").asString()).isEqualTo(conversation);
        assertThat(payload.get("seq").asLong()).isEqualTo(1);
        assertThat(payload.get("id").asString()).isEqualTo(sent.get("id").asString());
        assertThat(payload.get("body").asString()).isEqualTo("<i>verbatim</i>");
        assertThat(payload.get("senderId").asString()).isEqualTo(customer.id.toString());
        assertThat(payload.get("sentAt").asString())
                .isEqualTo(sent.get("sentAt").asString());
        assertThat(payload.get("recipients").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder(customer.id.toString(), agent.id.toString());

        Envelope read = events.get(1);
        assertThat(read.type()).isEqualTo("chat.read");
        assertThat(read.payload().get("userId").asString()).isEqualTo(agent.id.toString());
        assertThat(read.payload().get("seq").asLong()).isEqualTo(1);
        assertThat(read.payload().get("recipients").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder(customer.id.toString(), agent.id.toString());
        assertThat(rabbit.receive(queue.getName(), 1000))
                .as("neither the retried message nor the unmoved marker is announced again")
                .isNull();
    }

    private List<Envelope> receive(int count) {
        List<Envelope> received = new ArrayList<>();
        while (received.size() < count) {
            Message message = rabbit.receive(queue.getName(), 10_000);
            assertThat(message)
                    .as("event " + (received.size() + 1) + " of " + count)
                    .isNotNull();
            received.add(envelopes.fromMessage(message));
        }
        return received;
    }
}
