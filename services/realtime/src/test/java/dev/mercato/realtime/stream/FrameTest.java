package dev.mercato.realtime.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.realtime.history.HistoryEntry;
import dev.mercato.realtime.history.StreamId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FrameTest {

    @Test
    void anEventIsEncodedOnceAsServerSentEventText() {
        Frame frame = Frame.of(new HistoryEntry(StreamId.parse("17-3"), "product:p", "product.price", "{\"a\":1}"));

        assertThat(text(frame)).isEqualTo("id:17-3\nevent:product.price\ndata:{\"a\":1}\n\n");
        assertThat(frame.id()).isEqualTo(StreamId.parse("17-3"));
    }

    @Test
    void dataOverSeveralLinesKeepsItsFrame() {
        Frame frame = Frame.of(new HistoryEntry(StreamId.parse("1-0"), "c", "e", "{\n\"a\":\r\n1}"));

        assertThat(text(frame)).isEqualTo("id:1-0\nevent:e\ndata:{\ndata:\"a\":\ndata:1}\n\n");
    }

    @Test
    void theOpeningAndTheHeartbeatAreNotEvents() {
        assertThat(text(Frame.opening(Duration.ofSeconds(2)))).isEqualTo("retry:2000\n:connected\n\n");
        assertThat(text(Frame.HEARTBEAT)).isEqualTo(":heartbeat\n\n");
        assertThat(Frame.HEARTBEAT.id()).isNull();
    }

    @Test
    void aResetCarriesTheIdToResumeFrom() {
        Frame reset = Frame.reset(new Topic("orders", "orders:u"), StreamId.parse("5-0"));

        assertThat(text(reset)).isEqualTo("id:5-0\nevent:reset\ndata:{\"topic\":\"orders\"}\n\n");
        assertThat(reset.json()).isEqualTo("{\"type\":\"reset\",\"id\":\"5-0\",\"topic\":\"orders\"}");
    }

    private static String text(Frame frame) {
        return new String(frame.sse(), StandardCharsets.UTF_8);
    }
}
