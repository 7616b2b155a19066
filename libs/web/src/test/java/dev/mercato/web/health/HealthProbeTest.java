package dev.mercato.web.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthProbeTest {

    private HttpServer server;

    private String serve(int status) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/readyz", exchange -> {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/readyz";
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void healthyWhenTheProbeAnswersOk() throws IOException {
        assertThat(HealthProbe.healthy(serve(200))).isTrue();
    }

    @Test
    void unhealthyWhenTheProbeAnswersOutOfService() throws IOException {
        assertThat(HealthProbe.healthy(serve(503))).isFalse();
    }

    @Test
    void unhealthyWhenNothingListens() throws IOException {
        String url = serve(200);
        server.stop(0);
        server = null;
        assertThat(HealthProbe.healthy(url)).isFalse();
    }
}
