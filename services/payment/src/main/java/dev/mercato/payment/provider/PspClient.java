package dev.mercato.payment.provider;

import dev.mercato.payment.domain.PaymentProvider.ProviderRefused;
import dev.mercato.web.remote.OutsideTransactions;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One plain HTTP call to psp-sim, with its deadline; no retries here. Classifies the answer: 2xx is returned, what
 * may be retried with the same key becomes a {@link TransientProviderFailure}, any other error a
 * {@link ProviderRefused}.
 */
class PspClient {

    private final HttpClient http;
    private final JsonMapper json;
    private final ProviderProperties properties;

    PspClient(ProviderProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    JsonNode post(String path, String idempotencyKey, Map<String, Object> body) {
        byte[] bytes = body == null ? new byte[0] : json.writeValueAsBytes(body);
        HttpRequest request = request(path)
                .header("Idempotency-Key", idempotencyKey)
                .header("Content-Type", "application/json")
                .POST(
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        return send(request);
    }

    JsonNode get(String path, String query, String value) {
        return send(request(path + "?" + query + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8))
                .GET()
                .build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(properties.baseUrl().toString().replaceAll("/$", "") + path))
                .timeout(properties.timeout())
                .header("Accept", "application/json");
    }

    private JsonNode send(HttpRequest request) {
        OutsideTransactions.check(
                "psp-sim " + request.method() + " " + request.uri().getPath());
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) { // includes HttpTimeoutException: sent, outcome unknown
            throw new TransientProviderFailure(
                    request.method() + " " + request.uri().getPath() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientProviderFailure("interrupted", e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return json.readTree(response.body());
        }
        String detail = detail(response.body());
        // 409 with Retry-After: a request with the same key is still running at the provider
        boolean stillRunning =
                status == 409 && response.headers().firstValue("Retry-After").isPresent();
        if (status >= 500 || status == 429 || stillRunning) {
            throw new TransientProviderFailure(
                    request.method() + " " + request.uri().getPath() + " answered " + status + ": " + detail, null);
        }
        throw new ProviderRefused(status, detail);
    }

    private String detail(byte[] body) {
        try {
            JsonNode problem = json.readTree(body);
            return problem.path("detail").asString(problem.path("title").asString(""));
        } catch (RuntimeException e) {
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
