package dev.mercato.testsupport.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A test's WebSocket client: JSON text frames as they arrive, pings counted, how the server closed it. */
public final class WsClient implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration CLOSED_CHECK = Duration.ofMillis(100);

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final AtomicInteger pings = new AtomicInteger();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private WebSocket socket;

    private WsClient() {}

    /**
     * Connects and waits for the upgrade.
     *
     * @throws Refused with the status when the server refused the upgrade
     */
    public static WsClient open(int port, String pathAndQuery, String... headers) {
        WsClient client = new WsClient();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            client.socket = builder.buildAsync(
                            URI.create("ws://localhost:" + port + pathAndQuery), client.new Listener())
                    .join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof WebSocketHandshakeException refused) {
                throw new Refused(refused.getResponse().statusCode());
            }
            throw failed;
        }
        return client;
    }

    public WsClient send(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    public WsClient sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
        return this;
    }

    /** The next frame, or null when none came in time or the connection closed with none left. */
    public JsonNode next(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                JsonNode frame = frames.poll(Math.max(0, Math.min(left, CLOSED_CHECK.toNanos())), TimeUnit.NANOSECONDS);
                if (frame != null || left <= 0 || (closed.isDone() && frames.isEmpty())) {
                    return frame;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The next frame of this {@code type}, others skipped, or null when none came in time. */
    public JsonNode next(String type, Duration timeout) {
        return next(frame -> type.equals(frame.path("type").asString()), timeout);
    }

    public JsonNode next(Predicate<JsonNode> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode frame;
        while ((frame = next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) != null) {
            if (wanted.test(frame)) {
                return frame;
            }
        }
        return null;
    }

    /** The frames of this {@code type} that arrive within {@code window}. */
    public List<JsonNode> within(String type, Duration window) {
        List<JsonNode> found = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        JsonNode frame;
        while ((frame = next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) != null) {
            if (type.equals(frame.path("type").asString())) {
                found.add(frame);
            }
        }
        return found;
    }

    public int pings() {
        return pings.get();
    }

    /** How the server closed the connection, or null if it did not within {@code timeout}. */
    public Closed closed(Duration timeout) {
        try {
            return closed.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException stillOpen) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(ignored -> null);
        }
        socket.abort();
    }

    public record Closed(int code, String reason) {}

    /** The server refused the upgrade with this status. */
    public static final class Refused extends RuntimeException {

        private final int status;

        Refused(int status) {
            super("upgrade refused: " + status);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                frames.add(JSON.readTree(text.toString()));
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            pings.incrementAndGet();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Closed(-1, String.valueOf(error.getMessage())));
        }
    }
}
