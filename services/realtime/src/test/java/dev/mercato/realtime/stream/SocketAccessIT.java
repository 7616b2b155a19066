package dev.mercato.realtime.stream;

import static dev.mercato.testsupport.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercato.realtime.RealtimeIntegrationTest;
import dev.mercato.realtime.TestEvents;
import dev.mercato.testsupport.http.WsClient;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Who may open a WebSocket, and for how long: the upgrade is authenticated as the event stream is; the connection
 * lives past its token's expiry only on a fresh token of the same user.
 */
class SocketAccessIT extends RealtimeIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void anUpgradeWithoutValidCredentialsIsRefused() {
        assertProblem(http.get("/v1/ws"), 401, "unauthorized");
        assertRefused(401, () -> socket(""));
        assertRefused(401, () -> socket("", "Authorization", "Bearer " + IDENTITY.rogueToken("customer")));
        assertRefused(401, () -> socket("?ticket=nope"));
    }

    @Test
    void aRequestThatIsNoUpgradeIsABadRequest() {
        JsonNode problem = assertProblem(http.get("/v1/ws", shopper().bearer()), 400, "validation");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("Upgrade");
    }

    @Test
    void aTicketOpensOneSocketAsItsUser() {
        var shopper = shopper();
        String ticket = http.send("POST", "/v1/stream/tickets", null, new byte[0], shopper.bearer())
                .json()
                .get("ticket")
                .asString();

        try (WsClient socket = socket("?ticket=" + ticket)) {
            socket.send("{\"type\":\"subscribe\",\"topics\":[\"orders\"]}");
            socket.next("subscribed", WAIT);
            UUID order = UUID.randomUUID();
            publish(TestEvents.orderCreated(order, shopper.id()));
            assertThat(socket.next("event", WAIT).get("data").get("orderId").asString())
                    .isEqualTo(order.toString());
        }
        assertRefused(401, () -> socket("?ticket=" + ticket));
    }

    @Test
    void aConnectionWhoseTokenExpiresIsClosedWith4401() {
        var shopper = shopper(UUID.randomUUID(), Duration.ofSeconds(3));
        try (WsClient socket = socket("", shopper.bearer())) {
            socket.send("{\"type\":\"subscribe\",\"topics\":[\"orders\"]}");
            socket.next("subscribed", WAIT);

            WsClient.Closed closed = socket.closed(WAIT);
            assertThat(closed).isNotNull();
            assertThat(closed.code()).isEqualTo(4401);
            assertThat(closed.reason()).contains("expired");
        }
    }

    @Test
    void aFreshTokenOfTheSameUserKeepsTheConnectionAndNothingElseDoes() {
        var shopper = shopper(UUID.randomUUID(), Duration.ofSeconds(4));
        try (WsClient socket = socket("", shopper.bearer())) {
            socket.send("{\"type\":\"subscribe\",\"topics\":[\"orders\"]}");
            socket.next("subscribed", WAIT);

            socket.send("{\"type\":\"auth\",\"token\":\"" + shopper().token() + "\"}");
            assertThat(socket.next("error", WAIT).get("status").asInt())
                    .as("another user's token")
                    .isEqualTo(403);
            socket.send("{\"type\":\"auth\",\"token\":\"" + IDENTITY.rogueToken("customer") + "\"}");
            assertThat(socket.next("error", WAIT).get("status").asInt()).isEqualTo(401);
            socket.send("{\"type\":\"auth\",\"token\":\""
                    + shopper.renewed(Duration.ofMinutes(10)).token() + "\"}");
            assertThat(socket.next("authenticated", WAIT).get("expiresAt").asString())
                    .isNotBlank();

            assertThat(socket.closed(Duration.ofSeconds(6)))
                    .as("open past the first token's expiry")
                    .isNull();
            UUID order = UUID.randomUUID();
            publish(TestEvents.orderCreated(order, shopper.id()));
            assertThat(socket.next("event", WAIT).get("data").get("orderId").asString())
                    .isEqualTo(order.toString());
        }
    }

    private static void assertRefused(int status, Runnable open) {
        assertThatThrownBy(open::run)
                .isInstanceOfSatisfying(
                        WsClient.Refused.class,
                        refused -> assertThat(refused.status()).isEqualTo(status));
    }
}
