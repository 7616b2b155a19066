package dev.mercato.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Shoppers' order streams ({@code GET /v1/stream?topics=orders}) for the checkout simulation's {@code follow=stream},
 * over java.net.http rather than Gatling's SSE: Gatling 3.15's {@code sse(..).close()} leaves the connection open
 * until the simulation ends (at 5 orders/s the gateway and realtime held one more stream every 200 ms, 155 after
 * 30 s), so a run measured thousands of abandoned streams instead of the checkout. Here closing a stream cancels its
 * body, which closes the HTTP/1.1 connection, as a browser's {@code EventSource.close()} does.
 */
final class OrderStreams {

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final URI uri;

    OrderStreams(String baseUrl) {
        this.uri = URI.create(baseUrl + "/v1/stream?topics=orders");
    }

    /** Opens a stream; it is usable once {@link OrderStream#connected()} (realtime's first frame arrived). */
    OrderStream open(String accessToken) {
        OrderStream stream = new OrderStream();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + accessToken)
                .header("Accept", "text/event-stream")
                .build();
        stream.exchange = client.sendAsync(request, info -> {
            if (info.statusCode() != 200) {
                stream.state.set(State.FAILED);
                return HttpResponse.BodySubscribers.replacing(null);
            }
            return HttpResponse.BodySubscribers.fromLineSubscriber(stream);
        });
        stream.exchange.whenComplete((response, failure) -> stream.state.set(State.FAILED));
        return stream;
    }

    enum State {
        CONNECTING,
        CONNECTED,
        FAILED
    }

    /** A final status seen on the stream and when it arrived ({@link System#nanoTime()}). */
    record Outcome(String status, long arrivedAt) {}

    /** One shopper's stream: the final statuses of the orders it carried, by order id. */
    static final class OrderStream implements Flow.Subscriber<String> {

        private final AtomicReference<State> state = new AtomicReference<>(State.CONNECTING);
        /**
         * Keyed by order id because the order's event may arrive before its checkout's 202 reached the simulation.
         */
        private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();

        private volatile CompletableFuture<HttpResponse<Void>> exchange;
        private volatile Flow.Subscription subscription;

        State state() {
            return state.get();
        }

        Outcome outcome(String orderId) {
            return outcomes.get(orderId);
        }

        /** Ends the stream and its connection. */
        void close() {
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
            CompletableFuture<HttpResponse<Void>> pending = exchange;
            if (pending != null) {
                pending.cancel(true);
            }
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith(":")) {
                // realtime's first frame is a comment, sent once the connection is registered for live events
                state.compareAndSet(State.CONNECTING, State.CONNECTED);
            } else if (line.startsWith("data:")) {
                record(line.substring(5).strip());
            }
        }

        private void record(String data) {
            try {
                JsonNode event = BenchHttp.JSON.readTree(data);
                String status = event.path("status").asText();
                if (status.equals("CONFIRMED") || status.equals("CANCELLED")) {
                    outcomes.putIfAbsent(event.path("orderId").asText(), new Outcome(status, System.nanoTime()));
                }
            } catch (IOException e) {
                state.set(State.FAILED);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            state.set(State.FAILED);
        }

        @Override
        public void onComplete() {
            state.set(State.FAILED);
        }
    }
}
