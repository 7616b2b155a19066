package dev.mercato.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mercato.testsupport.http.HttpJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real-time routes (docs/adr/015): a stream outlives its route's deadline, which bounds only the wait for its
 * headers, and its events pass as they come; tickets need a token at the edge, the stream does not (realtime checks
 * token or ticket itself); the gateway holds only so many streams at once.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eureka.client.enabled=false",
            "MERCATO_LOG_FORMAT=text",
            // deadline 1 s + 0.5 s connect + the guard's 1 s margin: the stream below runs past all of them
            "REALTIME_STREAM_HEADERS_TIMEOUT_MS=1000",
            "GATEWAY_STREAMS_MAX=2",
            "gateway.rate-limits.key-prefix=test:${random.uuid}:"
        })
class GatewayStreamRouteIT {

    private static final int EVENTS = 8;
    private static final long EVERY_MILLIS = 500;
    static final HttpServer realtime = eventStream();

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add(
                "REALTIME_URI",
                () -> "http://127.0.0.1:" + realtime.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        realtime.stop(0);
    }

    @LocalServerPort
    int port;

    @Test
    void aStreamRunsPastItsRouteDeadlineWithEveryEventAsItComes() throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/stream?topics=orders"))
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        long started = System.nanoTime();
        List<Long> arrivals = new ArrayList<>();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("data:")) {
                    arrivals.add((System.nanoTime() - started) / 1_000_000);
                }
            }
        }

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(arrivals).as("every event, none cut off by a deadline").hasSize(EVENTS);
        assertThat(arrivals.getLast()).as("past the route's deadline").isGreaterThan(3_000);
        assertThat(arrivals.getFirst())
                .as("passed on as it came, not buffered to the end")
                .isLessThan(2_000);
    }

    @Test
    void pastItsStreamLimitTheGatewayRefusesANewStreamUntilOneEnds() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<InputStream> first = openStream(client);
        HttpResponse<InputStream> second = openStream(client);
        HttpResponse<String> third = client.send(streamRequest(), HttpResponse.BodyHandlers.ofString());

        assertThat(List.of(first.statusCode(), second.statusCode())).containsOnly(200);
        assertThat(third.statusCode()).isEqualTo(503);
        assertThat(third.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(third.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(third.body()).contains("streams").contains("https://mercato.dev/problems/busy");

        first.body().close();
        second.body().close();
        long deadline = System.nanoTime() + 3_000_000_000L;
        int status;
        do {
            Thread.sleep(100);
            HttpResponse<InputStream> next = client.send(streamRequest(), HttpResponse.BodyHandlers.ofInputStream());
            status = next.statusCode();
            next.body().close();
        } while (status != 200 && System.nanoTime() < deadline);
        assertThat(status).as("a place freed by a client that left").isEqualTo(200);
    }

    private HttpRequest streamRequest() {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/stream?topics=orders"))
                .header("Accept", "text/event-stream")
                .build();
    }

    /** A stream whose first frame arrived, so the gateway counts it. */
    private HttpResponse<InputStream> openStream(HttpClient client) throws Exception {
        HttpResponse<InputStream> response = client.send(streamRequest(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() == 200) {
            response.body().read();
        }
        return response;
    }

    @Test
    void ticketsNeedATokenAtTheEdge() {
        var refused = HttpJson.at("http://localhost:" + port).send("POST", "/v1/stream/tickets", null, new byte[0]);

        assertThat(refused.status()).isEqualTo(401);
    }

    /** A stand-in realtime: the headers at once, then an event every half second, then the end. */
    private static HttpServer eventStream() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/v1/stream", GatewayStreamRouteIT::stream);
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void stream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(":connected\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            for (int i = 0; i < EVENTS; i++) {
                Thread.sleep(EVERY_MILLIS);
                out.write(("id:" + i + "\ndata:{\"n\":" + i + "}\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
