package dev.mercato.realtime.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.realtime.RealtimeIntegrationTest;
import dev.mercato.realtime.TestEvents;
import dev.mercato.testsupport.http.WsClient;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A bad frame is answered with an error frame and changes nothing: the connection and its topics stay. */
class SocketFramesIT extends RealtimeIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void badFramesAreAnsweredWithErrorsAndTheConnectionStays() {
        var shopper = shopper();
        try (WsClient socket = socket("", shopper.bearer())) {
            socket.send("{\"type\":\"subscribe\",\"topics\":[\"orders\"]}");
            socket.next("subscribed", WAIT);

            String[][] bad = {
                {"{not json", "JSON"},
                {"[1,2]", "JSON object"},
                {"{\"topics\":[\"orders\"]}", "type"},
                {"{\"type\":\"publish\",\"topics\":[\"orders\"]}", "publish"},
                {"{\"type\":\"subscribe\"}", "topics"},
                {"{\"type\":\"subscribe\",\"topics\":[]}", "topics"},
                {"{\"type\":\"subscribe\",\"topics\":[42]}", "topics"},
                {"{\"type\":\"subscribe\",\"topics\":[\"chats\"]}", "chats"},
                {"{\"type\":\"subscribe\",\"topics\":[\"chat:" + UUID.randomUUID() + "\"]}", "not a topic"},
                {"{\"type\":\"typing\"}", "conversationId"},
                {"{\"type\":\"typing\",\"conversationId\":\"42\"}", "conversationId"},
                {"{\"type\":\"subscribe\",\"topics\":[\"product:42\"]}", "product:42"},
                {"{\"type\":\"subscribe\",\"topics\":[\"orders:" + UUID.randomUUID() + "\"]}", "not a topic"},
                {"{\"type\":\"subscribe\",\"topics\":[\"orders\"],\"since\":\"yesterday\"}", "since"},
                {"{\"type\":\"auth\"}", "token"},
                {"{\"type\":\"subscribe\",\"topics\":[\"" + "x".repeat(9_000) + "\"]}", "at most 8192 bytes"},
            };
            for (String[] frame : bad) {
                socket.send(frame[0]);
                JsonNode error = socket.next(WAIT);
                assertThat(error.get("type").asString()).as(frame[0]).isEqualTo("error");
                assertThat(error.get("status").asInt()).as(frame[0]).isEqualTo(400);
                assertThat(error.get("title").asString()).isNotBlank();
                assertThat(error.get("detail").asString()).as(frame[0]).contains(frame[1]);
            }
            socket.sendBinary(new byte[] {1, 2, 3});
            assertThat(socket.next(WAIT).get("detail").asString()).contains("binary");

            UUID order = UUID.randomUUID();
            publish(TestEvents.orderCreated(order, shopper.id()));
            JsonNode event = socket.next("event", WAIT);
            assertThat(event.get("data").get("orderId").asString())
                    .as("still connected, still subscribed")
                    .isEqualTo(order.toString());
        }
    }

    @Test
    void noMoreTopicsThanAConnectionMayFollow() {
        try (WsClient socket = socket("", shopper().bearer())) {
            StringBuilder topics = new StringBuilder("\"orders\"");
            for (int i = 0; i < 31; i++) {
                topics.append(",\"product:").append(UUID.randomUUID()).append('"');
            }
            socket.send("{\"type\":\"subscribe\",\"topics\":[" + topics + "]}");
            assertThat(socket.next(WAIT).get("type").asString()).isEqualTo("subscribed");

            socket.send("{\"type\":\"subscribe\",\"topics\":[\"product:" + UUID.randomUUID() + "\"]}");
            JsonNode error = socket.next(WAIT);
            assertThat(error.get("status").asInt()).isEqualTo(400);
            assertThat(error.get("detail").asString()).contains("at most 32");
        }
    }
}
