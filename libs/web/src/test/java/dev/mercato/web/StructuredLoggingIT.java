package dev.mercato.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.web.sample.SampleApplication;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
        classes = SampleApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"eureka.client.enabled=false", "spring.application.name=sample"})
class StructuredLoggingIT {

    @LocalServerPort
    int port;

    @Test
    void logsJsonLinesCarryingTheRequestAndTraceIds(CapturedOutput output) {
        var response = HttpJson.at("http://localhost:" + port).get("/boom", "X-Request-Id", "log-check-7");
        String traceId = response.header("traceparent").orElseThrow().split("-")[1];

        JsonNode line = Arrays.stream(output.getOut().split("\n"))
                .filter(l -> l.startsWith("{") && l.contains("Unhandled exception"))
                .map(l -> JsonMapper.builder().build().readTree(l))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no JSON log line for the failure in:\n" + output.getOut()));

        assertThat(line.get("requestId").asString()).isEqualTo("log-check-7");
        assertThat(line.get("traceId").asString()).isEqualTo(traceId);
        assertThat(line.get("log").get("level").asString()).isEqualTo("ERROR");
        assertThat(line.get("service").get("name").asString()).isEqualTo("sample");
    }
}
