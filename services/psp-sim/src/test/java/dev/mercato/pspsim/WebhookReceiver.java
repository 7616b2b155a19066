package dev.mercato.pspsim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mercato.pspsim.webhook.WebhookSignature;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real webhook endpoint for tests. It verifies every signature (400 when it does not match) and, for payments whose
 * merchant reference starts with {@code failN-}, answers 500 to the first N deliveries of each event.
 */
public final class WebhookReceiver implements AutoCloseable {

    public static final String SECRET = "whsec_test_secret";

    public record Delivery(
            String eventId,
            String type,
            String paymentId,
            int paymentVersion,
            String merchantReference,
            boolean signatureValid,
            int answered,
            String attemptHeader,
            Instant receivedAt,
            JsonNode body) {}

    private static final Pattern FAIL = Pattern.compile("fail(\\d+)-.*");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/webhooks", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks";
    }

    public List<Delivery> forPayment(String paymentId) {
        return deliveries.stream().filter(d -> paymentId.equals(d.paymentId())).toList();
    }

    public List<Delivery> all() {
        return List.copyOf(deliveries);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER);
        boolean valid =
                WebhookSignature.verify(SECRET, signature, body, Instant.now().getEpochSecond(), 300);
        JsonNode json = JSON.readTree(body);
        String reference =
                json.path("data").path("payment").path("merchantReference").asString("");
        String eventId = json.path("id").asString();
        int status = valid ? 204 : 400;
        Matcher fail = FAIL.matcher(reference);
        int count = seen.computeIfAbsent(eventId, id -> new AtomicInteger()).incrementAndGet();
        if (valid && fail.matches() && count <= Integer.parseInt(fail.group(1))) {
            status = 500;
        }
        deliveries.add(new Delivery(
                eventId,
                json.path("type").asString(),
                json.path("paymentId").asString(),
                json.path("paymentVersion").asInt(),
                reference,
                valid,
                status,
                exchange.getRequestHeaders().getFirst("Psp-Delivery-Attempt"),
                Instant.now(),
                json));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
