package dev.mercato.pspsim;

import dev.mercato.testsupport.http.HttpJson;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The provider API as a client calls it, with request bodies built from arguments rather than pasted JSON. */
public record PspApi(HttpJson http) {

    public static String authorizeBody(String token, long amount, String currency, String reference) {
        return """
                {"token":"%s","amount":%d,"currency":"%s","merchantReference":"%s"}""".formatted(token, amount, currency, reference);
    }

    public static String newKey() {
        return "key-" + UUID.randomUUID();
    }

    public HttpJson.Response authorize(String key, String token, long amount, String reference) {
        return post("/v1/payments", key, authorizeBody(token, amount, "EUR", reference));
    }

    public HttpJson.Response authorize(String token, long amount, String reference) {
        return authorize(newKey(), token, amount, reference);
    }

    public HttpJson.Response capture(String paymentId) {
        return post("/v1/payments/" + paymentId + "/capture", newKey(), "");
    }

    public HttpJson.Response voidAuthorization(String paymentId) {
        return post("/v1/payments/" + paymentId + "/void", newKey(), "");
    }

    public HttpJson.Response refund(String paymentId, Long amount) {
        return post(
                "/v1/payments/" + paymentId + "/refunds",
                newKey(),
                amount == null ? "" : "{\"amount\":" + amount + "}");
    }

    public HttpJson.Response post(String path, String key, String body) {
        String[] headers = key == null ? new String[0] : new String[] {"Idempotency-Key", key};
        return http.send(
                "POST",
                path,
                body.isEmpty() ? null : "application/json",
                body.getBytes(StandardCharsets.UTF_8),
                headers);
    }

    public HttpJson.Response put(String path, String body) {
        return http.send("PUT", path, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    public HttpJson.Response get(String path) {
        return http.get(path);
    }
}
