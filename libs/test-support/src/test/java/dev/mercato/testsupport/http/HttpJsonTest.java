package dev.mercato.testsupport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Over a real socket: a whole JSON answer is read; a body that never ends fails the call instead of hanging it. */
class HttpJsonTest {

    private final CountDownLatch stop = new CountDownLatch(1);
    private HttpServer server;
    private HttpJson http;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/json", exchange -> {
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/stream", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write(": open\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                stop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        http = new HttpJson(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(1));
    }

    @AfterEach
    void close() {
        stop.countDown();
        server.stop(0);
    }

    @Test
    void readsAWholeJsonAnswer() {
        HttpJson.Response response = http.get("/json");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("ok").asBoolean()).isTrue();
    }

    @Test
    void aBodyThatNeverEndsFailsTheCallInsteadOfHangingIt() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> http.get("/stream"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no complete response within");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }
}
