package dev.mercato.realtime.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercato.realtime.RealtimeIntegrationTest;
import dev.mercato.realtime.history.Appendable;
import dev.mercato.realtime.history.EventLog;
import dev.mercato.realtime.history.Publication;
import dev.mercato.testsupport.http.WsClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A WebSocket client that stops reading is dropped once its buffer is full, as an event stream's is. */
class SocketSlowClientIT extends RealtimeIntegrationTest {

    @Autowired
    EventLog log;

    @Autowired
    MeterRegistry meters;

    @Test
    void aSocketThatDoesNotReadIsDroppedWithoutSlowingTheOthers() throws Exception {
        var shopper = shopper();
        String channel = "product:" + UUID.randomUUID();
        String subscribe = "{\"type\":\"subscribe\",\"topics\":[\"" + channel + "\"]}";
        double droppedBefore = dropped();
        String padding = "x".repeat(2_000);
        int events = 400;

        try (Socket stalled = new Socket();
                WsClient reader = socket("", shopper.bearer())) {
            reader.send(subscribe);
            reader.next("subscribed", Duration.ofSeconds(10));
            stalled.setReceiveBufferSize(2_048);
            stalled.connect(new InetSocketAddress("localhost", port), 5_000);
            upgrade(stalled, shopper.token());
            sendText(stalled.getOutputStream(), subscribe);
            await().atMost(Duration.ofSeconds(10)).until(() -> connections() >= 2);

            for (int i = 0; i < events; i++) {
                log.append(new Appendable(
                        UUID.randomUUID(),
                        null,
                        0,
                        List.of(Publication.always(
                                channel, "product.price", "{\"n\":" + i + ",\"pad\":\"" + padding + "\"}"))));
            }

            int received = 0;
            while (received < events && reader.next("event", Duration.ofSeconds(10)) != null) {
                received++;
            }
            assertThat(received).as("the reading client got every event").isEqualTo(events);
            await().atMost(Duration.ofSeconds(10)).until(() -> dropped() > droppedBefore);

            long read = drain(stalled.getInputStream());
            assertThat(read)
                    .as("the stalled connection was closed, not sent all %d events", events)
                    .isLessThan((long) events * padding.length());
        }
    }

    /** The opening handshake by hand: a client of the JDK's would read everything it is sent. */
    private static void upgrade(Socket socket, String token) throws Exception {
        byte[] key = new byte[16];
        new java.security.SecureRandom().nextBytes(key);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /v1/ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                        + Base64.getEncoder().encodeToString(key) + "\r\nAuthorization: Bearer " + token
                        + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("no upgrade: " + head);
            }
            head.write(b);
        }
        assertThat(head.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 101");
    }

    /** One masked text frame, as a client must send it (RFC 6455 §5.3). */
    private static void sendText(OutputStream out, String text) throws Exception {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        assertThat(payload.length).isLessThan(126);
        byte[] mask = {1, 2, 3, 4};
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        frame.write(0x80 | payload.length); // short enough for the 7-bit length (the shortest form is required)
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** Reads what the server had sent until it closes the connection. */
    private static long drain(InputStream in) throws Exception {
        byte[] buffer = new byte[8_192];
        long total = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    return total;
                }
                total += n;
            } catch (SocketTimeoutException notYet) {
                // keep reading
            } catch (SocketException reset) {
                return total;
            }
        }
        throw new AssertionError("the stalled connection is still open");
    }

    private double dropped() {
        var counter = meters.find("realtime.connections.dropped")
                .tag("reason", "slow")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private double connections() {
        var gauge = meters.find("realtime.connections").gauge();
        return gauge == null ? 0 : gauge.value();
    }
}
