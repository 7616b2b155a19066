package dev.mercato.web;

import static dev.mercato.testsupport.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.web.sample.SampleApplication;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Query strings and JSON bodies are read strictly: what does not mean exactly one thing is refused, by name. */
@SpringBootTest(
        classes = SampleApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"eureka.client.enabled=false", "MERCATO_LOG_FORMAT=text"})
class StrictInputIT {

    @LocalServerPort
    int port;

    HttpJson http;

    @BeforeEach
    void setUp() {
        http = HttpJson.at("http://localhost:" + port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"%C3%28", "%FF", "%C3", "%ED%A0%80"})
    void refusesAQueryParameterThatIsNotPercentEncodedUtf8(String raw) {
        JsonNode problem = assertProblem(http.get("/search?q=" + raw), 400, "validation");

        assertThat(fieldOf(problem)).isEqualTo("q");
    }

    /** Sent over a raw socket: Java's URI refuses to build these. */
    @ParameterizedTest
    @ValueSource(strings = {"%ZZ", "abc%", "%4"})
    void refusesABrokenPercentEscapeInAQueryParameter(String raw) throws IOException {
        try (var socket = new Socket("localhost", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream()
                    .write(("GET /search?q=" + raw + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(response).startsWith("HTTP/1.1 400");
            assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
            assertThat(response).contains("\"field\":\"q\"");
        }
    }

    @Test
    void refusesNulInAQueryParameter() {
        JsonNode problem = assertProblem(http.get("/search?q=a%00b"), 400, "validation");

        assertThat(fieldOf(problem)).isEqualTo("q");
        assertThat(problem.get("instance").asString()).isEqualTo("/search");
    }

    @Test
    void readsValidPercentEncodedUtf8() {
        var response = http.get("/search?q=caf%C3%A9+cr%C3%A8me");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo("café crème");
    }

    @Test
    void refusesMoreQueryParametersThanAnyEndpointTakes() {
        String query = IntStream.range(0, 1_001).mapToObj(i -> "p" + i + "=1").collect(Collectors.joining("&"));

        JsonNode problem = assertProblem(http.get("/search?" + query), 400, "validation");

        assertThat(fieldOf(problem)).isEqualTo("query");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"name\":\"Lamp\",\"quantity\":1.5}|quantity",
                "{\"name\":\"Lamp\",\"quantity\":2.0}|quantity",
                "{\"name\":\"Lamp\",\"quantity\":\"2\"}|quantity",
                "{\"name\":\"Lamp\",\"quantity\":true}|quantity",
                "{\"name\":\"Lamp\",\"quantity\":null}|quantity",
                "{\"name\":5,\"quantity\":2}|name",
                "{\"name\":[\"Lamp\"],\"quantity\":2}|name",
                "{\"name\":\"Lamp\",\"quantity\":2,\"tags\":\"red\"}|tags",
                "{\"name\":\"Lamp\",\"quantity\":2,\"tags\":[1]}|tags[0]",
                "{\"name\":\"Lamp\",\"quantity\":1,\"quantity\":2}|quantity",
                "{\"name\":\"Lamp\",\"quantity\":99999999999}|quantity",
                "{\"name\":\"La\\u0000mp\",\"quantity\":2}|name",
                "{\"name\":\"La\\ud800mp\",\"quantity\":2}|name",
                "{\"name\":\"Lamp\",\"quantity\":2,\"tags\":[\"\\udc00\"]}|tags[0]"
            })
    void refusesABodyValueOfTheWrongJsonTypeNamingTheField(String body, String field) {
        JsonNode problem = assertProblem(post(body), 400, "malformed-body");

        assertThat(fieldOf(problem)).isEqualTo(field);
    }

    @Test
    void ignoresUnknownFieldsSoNewerClientsStillWork() {
        var response = post("{\"name\":\"Lamp\",\"quantity\":2,\"colour\":\"red\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("quantity").asInt()).isEqualTo(2);
    }

    private HttpJson.Response post(String body) {
        return http.send("POST", "/orders", "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private static String fieldOf(JsonNode problem) {
        assertThat(problem.get("errors")).as(problem.toString()).hasSize(1);
        return problem.get("errors").get(0).get("field").asString();
    }
}
