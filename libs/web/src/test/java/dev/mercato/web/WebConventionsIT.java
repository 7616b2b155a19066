package dev.mercato.web;

import static dev.mercato.testsupport.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.web.sample.SampleApplication;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@SpringBootTest(
        classes = SampleApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"eureka.client.enabled=false", "MERCATO_LOG_FORMAT=text", "mercato.web.max-request-body=64KB"})
class WebConventionsIT {

    private static final String JSON = "application/json";

    @LocalServerPort
    int port;

    HttpJson http;

    @BeforeEach
    void setUp() {
        http = HttpJson.at("http://localhost:" + port);
    }

    @Test
    void acceptsAValidBody() {
        var response = post("{\"name\":\"Lamp\",\"quantity\":2}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("name").asString()).isEqualTo("Lamp");
    }

    @Test
    void namesEveryInvalidField() {
        var response = post("{\"name\":\"\",\"quantity\":0}");

        assertProblem(response, 400, "validation");
        List<String> fields = new ArrayList<>();
        response.json()
                .get("errors")
                .forEach(error -> fields.add(error.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("name", "quantity");
    }

    @Test
    void rejectsMalformedJson() {
        assertProblem(post("{\"name\": \"Lamp\", "), 400, "malformed-body");
        assertProblem(post("{\"name\":\"Lamp\",\"quantity\":\"many\"}"), 400, "malformed-body");
        assertProblem(post(""), 400, "malformed-body");
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] body = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        assertProblem(http.send("POST", "/orders", JSON, body), 400, "malformed-body");
    }

    @Test
    void rejectsUnsupportedMediaTypes() {
        var response = http.send("POST", "/orders", "text/plain", "name=Lamp".getBytes(StandardCharsets.UTF_8));

        assertProblem(response, 415, "unsupported-media-type");
    }

    @Test
    void rejectsABodyOverTheLimitByItsDeclaredLength() {
        byte[] body = ("{\"name\":\"" + "x".repeat(70_000) + "\",\"quantity\":1}").getBytes(StandardCharsets.UTF_8);

        assertProblem(http.send("POST", "/orders", JSON, body), 413, "payload-too-large");
    }

    @Test
    void rejectsAChunkedBodyOverTheLimitWhileReadingIt() throws IOException {
        var connection = (HttpURLConnection)
                URI.create("http://localhost:" + port + "/orders").toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setChunkedStreamingMode(4096);
        connection.setRequestProperty("Content-Type", JSON);
        try (var out = connection.getOutputStream()) {
            out.write(("{\"name\":\"" + "x".repeat(70_000) + "\",\"quantity\":1}").getBytes(StandardCharsets.UTF_8));
        }

        assertThat(connection.getResponseCode()).isEqualTo(413);
        assertThat(connection.getContentType()).startsWith("application/problem+json");
        try (InputStream error = connection.getErrorStream()) {
            assertThat(new String(error.readAllBytes(), StandardCharsets.UTF_8)).contains("payload-too-large");
        }
    }

    @Test
    void rejectsWrongMethodsAndUnknownRoutes() {
        assertProblem(http.send("DELETE", "/orders", null, new byte[0]), 405, "method-not-allowed");
        assertProblem(http.get("/no/such/route"), 404, "not-found");
    }

    @Test
    void answersRequestsTomcatRejectsItselfWithAProblemDocument() throws IOException {
        try (var socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream()
                    .write("GET /orders?a=<script> HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.ISO_8859_1));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(response).startsWith("HTTP/1.1 400");
            assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
            assertThat(response).contains("\"type\":\"https://mercato.dev/problems/validation\"");
            assertThat(response).doesNotContain("<html", "Apache Tomcat");
        }
    }

    @Test
    void hidesInternalsOfUnexpectedErrors() {
        var response = http.get("/boom");

        assertProblem(response, 500, "internal");
        assertThat(response.text()).doesNotContain("secret", "db-primary", "Exception", "at dev.");
    }

    @Test
    void answersUnavailableStoresWith503AndRetryAfter() {
        var response = http.get("/store-down");

        assertProblem(response, 503, "unavailable");
        assertThat(response.header("Retry-After")).contains("1");
        assertThat(response.text()).doesNotContain("db-primary");
    }

    @Test
    void answersAnExhaustedConnectionPoolWith503NotAnInternalError() {
        var response = http.get("/pool-exhausted");

        assertProblem(response, 503, "unavailable");
        assertThat(response.header("Retry-After")).contains("1");
        assertThat(response.text()).doesNotContain("db-primary", "JDBC");
    }

    @Test
    void echoesASafeRequestIdAndReplacesAnUnsafeOne() {
        var echoed = http.get("/no/such/route", "X-Request-Id", "client-42.a:b");
        var replaced = http.get("/no/such/route", "X-Request-Id", "<script>alert(1)</script>");

        assertThat(echoed.header("X-Request-Id")).contains("client-42.a:b");
        assertThat(echoed.json().get("requestId").asString()).isEqualTo("client-42.a:b");
        assertThat(replaced.header("X-Request-Id").orElseThrow()).matches("[0-9a-f-]{36}");
    }

    @Test
    void tellsTheClientItsTrace() {
        var response = http.get("/boom");

        assertThat(response.header("traceparent").orElseThrow()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    }

    @Test
    void servesProbesWithoutDependencies() {
        assertThat(http.get("/livez").status()).isEqualTo(200);
        assertThat(http.get("/readyz").status()).isEqualTo(200);
        JsonNode info = http.get("/actuator/info").json();
        assertThat(info.has("java")).isTrue();
        assertThat(http.get("/actuator/prometheus").text()).contains("http_server_requests");
    }

    private HttpJson.Response post(String body) {
        return http.send("POST", "/orders", JSON, body.getBytes(StandardCharsets.UTF_8));
    }
}
