package dev.mercato.realtime.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercato.messaging.envelope.Envelope;
import dev.mercato.realtime.TestEvents;
import dev.mercato.realtime.history.Publication;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ChatEventsTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final ChatEvents chat = new ChatEvents(json);
    private final UUID conversation = UUID.randomUUID();
    private final UUID customer = UUID.randomUUID();
    private final UUID agent = UUID.randomUUID();

    @Test
    void aMessageGoesToEachRecipientsChatOnceWithoutTheRecipients() {
        Envelope message = TestEvents.chatMessage(conversation, 7, agent, "hi <b>there</b>", customer, agent, customer);

        var translated = chat.translate(message);

        assertThat(translated.conversationId()).isEqualTo(conversation);
        assertThat(translated.members()).containsExactly(customer, agent);
        assertThat(translated.events().messageId()).isEqualTo(message.messageId());
        assertThat(translated.events().state())
                .as("not ordered by a version: every message counts")
                .isNull();
        assertThat(translated.events().publications())
                .extracting(Publication::channel)
                .containsExactly("chat:" + customer, "chat:" + agent);
        Publication first = translated.events().publications().getFirst();
        assertThat(first.event()).isEqualTo("chat.message");
        assertThat(first.stateField()).isNull();
        ObjectNode expected = ((ObjectNode) message.payload()).deepCopy();
        expected.remove("recipients");
        assertThat(first.data()).isEqualTo(json.writeValueAsString(expected));
    }

    @Test
    void aReadMarkerIsTheSameShape() {
        var translated = chat.translate(TestEvents.chatRead(conversation, customer, 3, customer, agent));

        assertThat(translated.events().publications()).hasSize(2).allSatisfy(p -> {
            assertThat(p.event()).isEqualTo("chat.read");
            assertThat(json.readTree(p.data()).get("seq").asLong()).isEqualTo(3);
            assertThat(json.readTree(p.data()).has("recipients")).isFalse();
        });
    }

    @Test
    void anEventWithoutItsConversationSeqOrRecipientsIsUnreadable() {
        for (String field : new String[] {"conversationId", "seq", "recipients"}) {
            Envelope message = TestEvents.chatMessage(conversation, 1, customer, "x", customer);
            ((ObjectNode) message.payload()).remove(field);
            assertThatThrownBy(() -> chat.translate(message)).as(field).hasMessageContaining(field);
        }
        Envelope badRecipient = TestEvents.chatMessage(conversation, 1, customer, "x", customer);
        ((ObjectNode) badRecipient.payload()).putArray("recipients").add("nobody");
        assertThatThrownBy(() -> chat.translate(badRecipient)).hasMessageContaining("nobody");
    }
}
