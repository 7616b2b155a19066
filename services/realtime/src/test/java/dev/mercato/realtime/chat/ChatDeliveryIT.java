package dev.mercato.realtime.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.realtime.RealtimeIntegrationTest;
import dev.mercato.realtime.TestEvents;
import dev.mercato.testsupport.http.SseClient;
import dev.mercato.testsupport.http.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chat's events through the real broker, their own queue, the history and the backplane to each recipient's
 * {@code chat} topic, over both transports, resumable like every topic.
 */
class ChatDeliveryIT extends RealtimeIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aMessageReachesEveryRecipientsChatAndNobodyElse() {
        var customer = shopper();
        var agent = shopper();
        var stranger = shopper();
        UUID conversation = UUID.randomUUID();
        try (SseClient customers = stream("topics=chat", customer.bearer());
                WsClient agents = socket("", agent.bearer());
                SseClient strangers = stream("topics=chat,orders", stranger.bearer())) {
            assertThat(customers.next(WAIT).comment()).isEqualTo("connected");
            assertThat(strangers.next(WAIT).comment()).isEqualTo("connected");
            agents.send("{\"type\":\"subscribe\",\"topics\":[\"chat\"]}");
            agents.next("subscribed", WAIT);

            publish(TestEvents.chatMessage(
                    conversation, 1, agent.id(), "On its way <b>today</b>", customer.id(), agent.id()));
            publish(TestEvents.chatRead(conversation, customer.id(), 1, customer.id(), agent.id()));

            var message = customers.nextEvent(WAIT);
            assertThat(message.event()).isEqualTo("chat.message");
            JsonNode data = json.readTree(message.data());
            assertThat(data.get("conversationId").asString()).isEqualTo(conversation.toString());
            assertThat(data.get("seq").asLong()).isEqualTo(1);
            assertThat(data.get("senderId").asString()).isEqualTo(agent.id().toString());
            assertThat(data.get("body").asString()).as("verbatim").isEqualTo("On its way <b>today</b>");
            assertThat(data.has("recipients"))
                    .as("who else receives it is not said")
                    .isFalse();
            var read = customers.nextEvent(WAIT);
            assertThat(read.event()).isEqualTo("chat.read");
            assertThat(json.readTree(read.data()).get("userId").asString())
                    .isEqualTo(customer.id().toString());

            JsonNode onSocket = agents.next("event", WAIT);
            assertThat(onSocket.get("topic").asString()).isEqualTo("chat");
            assertThat(onSocket.get("event").asString()).isEqualTo("chat.message");
            assertThat(onSocket.get("id").asString()).isNotBlank();
            assertThat(onSocket.get("data").get("seq").asLong()).isEqualTo(1);
            assertThat(agents.next("event", WAIT).get("event").asString()).isEqualTo("chat.read");

            assertThat(strangers.eventsWithin(Duration.ofMillis(500)))
                    .as("nothing of a conversation the user is not in")
                    .isEmpty();
        }
    }

    @Test
    void aReconnectingMemberGetsExactlyWhatItMissedInSeqOrder() {
        var customer = shopper();
        var agent = shopper();
        UUID conversation = UUID.randomUUID();
        String lastSeen;
        try (SseClient first = stream("topics=chat", customer.bearer())) {
            publish(TestEvents.chatMessage(conversation, 1, customer.id(), "question 1", customer.id()));
            var one = first.nextEvent(WAIT);
            assertThat(json.readTree(one.data()).get("seq").asLong()).isEqualTo(1);
            lastSeen = one.id();
        }
        var second = TestEvents.chatMessage(conversation, 2, agent.id(), "answer 2", customer.id(), agent.id());
        publish(second);
        publish(TestEvents.chatMessage(conversation, 3, agent.id(), "answer 3", customer.id(), agent.id()));
        publish(second); // redelivered
        publish(TestEvents.chatMessage(conversation, 4, agent.id(), "answer 4", customer.id(), agent.id()));

        try (SseClient resumed =
                stream("topics=chat", customer.bearer()[0], customer.bearer()[1], "Last-Event-ID", lastSeen)) {
            List<Long> seqs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                seqs.add(
                        json.readTree(resumed.nextEvent(WAIT).data()).get("seq").asLong());
            }
            assertThat(seqs)
                    .as("what was missed, once, in the order chat published it")
                    .containsExactly(2L, 3L, 4L);
            publish(TestEvents.chatMessage(conversation, 5, customer.id(), "thanks", customer.id(), agent.id()));
            var live = resumed.nextEvent(WAIT);
            assertThat(json.readTree(live.data()).get("seq").asLong())
                    .as("then live, nothing twice")
                    .isEqualTo(5);
        }
    }
}
