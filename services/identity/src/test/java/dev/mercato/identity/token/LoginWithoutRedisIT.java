package dev.mercato.identity.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.postgres.IsolatedDatabase;
import dev.mercato.testsupport.process.ServiceProcess;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The login throttle's store is down: logins still work, unthrottled, rather than locking everyone out. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"eureka.client.enabled=false", "MERCATO_LOG_FORMAT=text"})
@IsolatedDatabase
class LoginWithoutRedisIT {

    @DynamicPropertySource
    static void unreachableRedis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.port", ServiceProcess::freePort);
    }

    @LocalServerPort
    int port;

    @Test
    void keepsLettingUsersLogIn() {
        var http = HttpJson.at("http://localhost:" + port);
        String body = "{\"email\":\"solo@example.com\",\"password\":\"a long enough passphrase\",\"name\":\"Solo\"}";
        assertThat(http.send("POST", "/v1/auth/register", "application/json", bytes(body))
                        .status())
                .isEqualTo(201);

        var wrong = http.send(
                "POST",
                "/v1/auth/login",
                "application/json",
                bytes("{\"email\":\"solo@example.com\",\"password\":\"not the passphrase\"}"));
        var right = http.send(
                "POST",
                "/v1/auth/login",
                "application/json",
                bytes("{\"email\":\"solo@example.com\",\"password\":\"a long enough passphrase\"}"));

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(right.status()).isEqualTo(200);
        assertThat(http.get("/actuator/prometheus").text()).contains("identity_login_throttle_unavailable_total");
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
