package dev.mercato.testsupport.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The proxy in front of the shared local Redis, touching one key of its own and nothing else. */
class FaultProxyRedisIT {

    private static final String HOST = System.getenv().getOrDefault("MERCATO_REDIS_HOST", "localhost");
    private static final int PORT = Integer.parseInt(System.getenv().getOrDefault("MERCATO_REDIS_PORT", "6379"));

    private final String key = "mercato:test:fault-proxy:" + UUID.randomUUID();
    private final FaultProxy proxy = FaultProxy.to(HOST, PORT);

    @AfterEach
    void removeKeyAndProxy() throws IOException {
        proxy.close();
        try (Socket direct = new Socket(HOST, PORT)) {
            direct.setSoTimeout(2_000);
            command(direct, "DEL", key);
        }
    }

    @Test
    void redisClientSeesPassThroughHangCutAndRecovery() throws IOException {
        try (Socket client = connect()) {
            assertThat(command(client, "PING")).isEqualTo("+PONG\r\n");
            assertThat(command(client, "SET", key, "v1", "EX", "60")).isEqualTo("+OK\r\n");
            assertThat(command(client, "GET", key)).isEqualTo("$2\r\nv1\r\n");

            proxy.blackhole();
            assertThatThrownBy(() -> command(client, "PING")).isInstanceOf(SocketTimeoutException.class);

            proxy.restore();
            assertThat(Wire.read(client, "+PONG\r\n".length())).isEqualTo("+PONG\r\n"); // the held PING, answered

            proxy.cutAll();
            assertThat(Wire.closedByPeer(client)).isTrue();
        }
        try (Socket reconnected = connect()) {
            assertThat(command(reconnected, "GET", key)).isEqualTo("$2\r\nv1\r\n");
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(proxy.host(), proxy.port());
        socket.setSoTimeout(500);
        return socket;
    }

    /** One RESP command; replies here are short, so one read returns all of it. */
    private static String command(Socket socket, String... parts) throws IOException {
        StringBuilder request = new StringBuilder("*").append(parts.length).append("\r\n");
        for (String part : parts) {
            request.append('$')
                    .append(part.getBytes(StandardCharsets.UTF_8).length)
                    .append("\r\n")
                    .append(part)
                    .append("\r\n");
        }
        Wire.send(socket, request.toString());
        byte[] buffer = new byte[512];
        int read = socket.getInputStream().read(buffer);
        return read < 0 ? "" : new String(buffer, 0, read, StandardCharsets.UTF_8);
    }
}
