package dev.mercato.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for a service behind the gateway whose behaviour a test controls: how long it takes, which status it
 * answers, and what headers it received.
 */
final class FakeDownstream implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<String, String> lastHeaders = new ConcurrentHashMap<>();
    private volatile Duration delay = Duration.ZERO;
    private volatile int status = 200;
    private final Map<String, String> fixedBodies = new ConcurrentHashMap<>();

    FakeDownstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        exchange.getRequestHeaders().forEach((name, values) -> lastHeaders.put(name.toLowerCase(), values.getFirst()));
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String fixed = fixedBodies.get(exchange.getRequestURI().getPath());
        byte[] body = (fixed != null ? fixed : "{\"items\":[],\"nextCursor\":null}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("X-Request-Id", "downstream-must-not-win");
        exchange.sendResponseHeaders(status, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void answerAfter(Duration delay) {
        this.delay = delay;
    }

    /** Always answers {@code path} with this JSON body, whatever else the test set. */
    void serve(String path, String json) {
        fixedBodies.put(path, json);
    }

    void answerWith(int status) {
        this.status = status;
    }

    void reset() {
        delay = Duration.ZERO;
        status = 200;
        requests.set(0);
        lastHeaders.clear();
    }

    int requests() {
        return requests.get();
    }

    String lastHeader(String name) {
        return lastHeaders.get(name.toLowerCase());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
