package dev.mercato.realtime.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.realtime.RealtimeIntegrationTest;
import dev.mercato.testsupport.http.SseClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Past its connection limit the instance refuses a new stream with 503 and keeps the ones it holds. */
@TestPropertySource(properties = {"realtime.connections.max=2", "realtime.connections.retry-after=7s"})
class ConnectionAdmissionIT extends RealtimeIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void pastTheLimitANewStreamIsRefusedUntilOneEnds() throws Exception {
        var shopper = shopper();
        try (SseClient first = stream("topics=orders", shopper.bearer());
                SseClient second = stream("topics=orders", shopper.bearer())) {
            assertThat(first.next(WAIT).comment()).isEqualTo("connected");
            assertThat(second.next(WAIT).comment()).isEqualTo("connected");

            var refused = http.get("/v1/stream?topics=orders", shopper.bearer());
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).hasValue("7");
            assertThat(refused.json().get("detail").asString()).contains("2");

            assertThat(first.next(WAIT).comment())
                    .as("the connections held go on")
                    .isNotNull();

            first.close();
            SseClient next = null;
            for (long deadline = System.nanoTime() + WAIT.toNanos(); System.nanoTime() < deadline; ) {
                next = stream("topics=orders", shopper.bearer());
                if (next.status() == 200) break;
                next.close();
                Thread.sleep(100);
            }
            try (SseClient admitted = next) {
                assertThat(admitted.status())
                        .as("a place freed by the client that left")
                        .isEqualTo(200);
            }
        }
    }
}
