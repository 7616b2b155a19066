package dev.mercato.testsupport.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for tests that talk to a service over a real socket, as clients do. Bodies are parsed as JSON
 * when they are JSON.
 */
public final class HttpJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration DEFAULT_ANSWER = Duration.ofSeconds(30);

    // HTTP/1.1 as the services speak it: the default would offer every GET an h2c upgrade nobody here accepts.
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final URI base;
    /** Until the response's headers (the client's own timeout). */
    private final Duration answer;
    /** Until the whole body: the client's timeout stops at the headers, so a stream answered to a plain GET would hang. */
    private final Duration wholeResponse;

    public HttpJson(URI base) {
        this(base, DEFAULT_ANSWER);
    }

    HttpJson(URI base, Duration answer) {
        this.base = base;
        this.answer = answer;
        this.wholeResponse = answer.plusSeconds(5);
    }

    public static HttpJson at(String base) {
        return new HttpJson(URI.create(base));
    }

    public Response get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    public Response send(String method, String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder builder =
                request(path, headers).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder);
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(answer);
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        CompletableFuture<HttpResponse<byte[]>> sent =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            HttpResponse<byte[]> response = sent.get(wholeResponse.toMillis(), TimeUnit.MILLISECONDS);
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (TimeoutException e) {
            sent.cancel(true);
            throw new IllegalStateException("%s %s: no complete response within %s (a body that never ends?), at %s"
                    .formatted(request.method(), request.uri(), wholeResponse, Instant.now()));
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "%s %s failed at %s: %s".formatted(request.method(), request.uri(), Instant.now(), e.getCause()),
                    e.getCause());
        } catch (InterruptedException e) {
            sent.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, HttpHeaders headers, byte[] raw) {

        public JsonNode json() {
            return JSON.readTree(raw);
        }

        public String text() {
            return new String(raw, java.nio.charset.StandardCharsets.UTF_8);
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public String contentType() {
            return header("Content-Type").orElse("");
        }

        @Override
        public String toString() {
            return status + " " + text();
        }
    }
}
