package dev.mercato.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.testsupport.http.HttpJson;
import java.nio.charset.StandardCharsets;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "MERCATO_LOG_FORMAT=text")
class DiscoveryIT {

    @LocalServerPort
    int port;

    @Test
    void acceptsARegistrationAndForgetsItOnDeregistration() {
        var http = HttpJson.at("http://localhost:" + port);
        String instance = """
                {"instance": {"instanceId": "probe:1", "hostName": "127.0.0.1", "app": "PROBE", "ipAddr": "127.0.0.1",
                 "status": "UP", "port": {"$": 9999, "@enabled": "true"},
                 "dataCenterInfo": {"@class": "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo", "name": "MyOwn"}}}
                """;

        var registered =
                http.send("POST", "/eureka/apps/PROBE", "application/json", instance.getBytes(StandardCharsets.UTF_8));
        assertThat(registered.status()).isEqualTo(204);
        assertThat(http.get("/eureka/apps/PROBE", "Accept", "application/json").text())
                .contains("\"status\":\"UP\"");

        assertThat(http.send("DELETE", "/eureka/apps/PROBE/probe:1", null, new byte[0])
                        .status())
                .isEqualTo(200);
        Awaitility.await()
                .untilAsserted(() ->
                        assertThat(http.get("/eureka/apps/PROBE").status()).isEqualTo(404));
    }

    @Test
    void servesProbesAndInfo() {
        var http = HttpJson.at("http://localhost:" + port);

        assertThat(http.get("/livez").status()).isEqualTo(200);
        assertThat(http.get("/readyz").status()).isEqualTo(200);
        assertThat(http.get("/actuator/prometheus").status()).isEqualTo(200);
    }
}
