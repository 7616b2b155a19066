package dev.mercato.grpc.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Service tokens of this service, one per audience, fetched from identity's {@code POST /internal/v1/service-tokens}
 * and cached; renewed once a fraction ({@code renew-after}) of their lifetime has passed. Concurrent callers share
 * one fetch. If identity cannot be reached in time, {@link #token} fails with UNAVAILABLE (a still valid token is used
 * meanwhile).
 */
public class ServiceTokens {

    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final URI tokenUri;
    private final String clientId;
    private final String secret;
    private final Duration timeout;
    private final double renewAfter;
    private final Clock clock;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    public ServiceTokens(GrpcClientProperties properties, Clock clock) {
        this(
                properties.tokenUri(),
                properties.id(),
                properties.secret(),
                properties.tokenTimeout(),
                properties.renewAfter(),
                clock);
    }

    public ServiceTokens(
            String tokenUri, String clientId, String secret, Duration timeout, double renewAfter, Clock clock) {
        this.tokenUri = URI.create(tokenUri);
        this.clientId = clientId;
        this.secret = secret;
        this.timeout = timeout;
        this.renewAfter = renewAfter;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * A valid token for calling {@code audience}.
     *
     * @throws StatusRuntimeException UNAVAILABLE when identity cannot be reached in time, UNAUTHENTICATED or
     *     PERMISSION_DENIED when it refuses this client
     */
    public String token(String audience) {
        Slot slot = slots.computeIfAbsent(audience, a -> new Slot());
        Instant now = clock.instant();
        Cached cached = slot.cached;
        if (cached != null && now.isBefore(cached.renewAt())) {
            return cached.token();
        }
        CompletableFuture<Cached> fetch = slot.fetch(() -> fetch(audience));
        if (cached != null && now.isBefore(cached.expiresAt())) {
            return cached.token(); // renewal runs in the background
        }
        try {
            return fetch.get(timeout.toMillis(), TimeUnit.MILLISECONDS).token();
        } catch (TimeoutException e) {
            throw Status.UNAVAILABLE
                    .withDescription("no service token from identity within " + timeout)
                    .asRuntimeException();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Status.CANCELLED.withDescription("interrupted").asRuntimeException();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StatusRuntimeException status) {
                throw status;
            }
            throw Status.UNAVAILABLE
                    .withDescription("no service token from identity: " + e.getCause())
                    .asRuntimeException();
        }
    }

    private CompletableFuture<Cached> fetch(String audience) {
        String body = json.writeValueAsString(
                Map.of("clientId", nullToEmpty(clientId), "clientSecret", nullToEmpty(secret), "audience", audience));
        HttpRequest request = HttpRequest.newBuilder(tokenUri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        Instant requested = clock.instant();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() == 200) {
                JsonNode issued = json.readTree(response.body());
                long lifetimeMillis = issued.get("expiresIn").asLong() * 1000;
                return new Cached(
                        issued.get("accessToken").asString(),
                        requested.plusMillis((long) (lifetimeMillis * renewAfter)),
                        requested.plusMillis(lifetimeMillis));
            }
            Status status = switch (response.statusCode()) {
                case 401 -> Status.UNAUTHENTICATED;
                case 403 -> Status.PERMISSION_DENIED;
                default -> Status.UNAVAILABLE;
            };
            throw status.withDescription("identity refused a service token for " + clientId + " -> " + audience
                            + ": HTTP " + response.statusCode())
                    .asRuntimeException();
        });
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private record Cached(String token, Instant renewAt, Instant expiresAt) {}

    private static final class Slot {
        volatile Cached cached;
        private CompletableFuture<Cached> inFlight;

        synchronized CompletableFuture<Cached> fetch(Supplier<CompletableFuture<Cached>> start) {
            if (inFlight == null) {
                CompletableFuture<Cached> started;
                try {
                    started = start.get();
                } catch (RuntimeException e) {
                    return CompletableFuture.failedFuture(e);
                }
                CompletableFuture<Cached> result = started.whenComplete((fresh, failure) -> {
                    synchronized (this) {
                        if (fresh != null) {
                            cached = fresh;
                        }
                        inFlight = null;
                    }
                });
                // completed already (the callback ran above): nothing in flight any more
                inFlight = result.isDone() ? null : result;
                return result;
            }
            return inFlight;
        }
    }
}
