package dev.mercato.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/**
 * JSON over plain java.net.http for the set-up calls made before the load starts (outside Gatling, so they are not
 * in the report).
 */
final class BenchHttp implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    record Response(String what, int status, JsonNode body) {

        /** The body when the status is one of {@code expected}; otherwise fails with what the server said. */
        JsonNode expect(int... expected) {
            if (Arrays.stream(expected).noneMatch(s -> s == status)) {
                throw new IllegalStateException(what + " answered " + status + ": " + abbreviate(body.toString()));
            }
            return body;
        }
    }

    /** {@code body} is serialized as JSON when not null; {@code token} is sent as a bearer token when not null. */
    Response send(String method, String url, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        String what = method + " " + url;
        try {
            // A platform still shedding the tail of an earlier overload run answers 503/429 for a while (a breaker
            // half-opens after its wait): the set-up waits as told instead of failing the whole run on one refusal.
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (int attempt = 1; attempt < REFUSED_ATTEMPTS && refused(response.statusCode()); attempt++) {
                Thread.sleep(retryAfter(response).toMillis());
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            }
            return new Response(what, response.statusCode(), parse(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException(what + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + what, e);
        }
    }

    private static final int REFUSED_ATTEMPTS = 30;

    private static boolean refused(int status) {
        return status == 503 || status == 429;
    }

    /** The server's {@code Retry-After} in seconds (1 to 10), else one second. */
    private static Duration retryAfter(HttpResponse<?> response) {
        long seconds = response.headers()
                .firstValue("Retry-After")
                .filter(value -> value.matches("\\d{1,4}"))
                .map(Long::parseLong)
                .orElse(1L);
        return Duration.ofSeconds(Math.clamp(seconds, 1, 10));
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(body);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    @Override
    public void close() {
        client.close();
    }
}
