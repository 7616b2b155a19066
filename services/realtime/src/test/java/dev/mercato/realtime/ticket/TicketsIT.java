package dev.mercato.realtime.ticket;

import static dev.mercato.testsupport.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.realtime.RealtimeIntegrationTest;
import dev.mercato.realtime.TestEvents;
import dev.mercato.testsupport.http.SseClient;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TicketsIT extends RealtimeIntegrationTest {

    @Test
    void aTicketOpensOneStreamAsItsUser() {
        var shopper = shopper();
        var issued = http.send("POST", "/v1/stream/tickets", null, new byte[0], shopper.bearer());
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        String ticket = issued.json().get("ticket").asString();
        assertThat(ticket).hasSizeGreaterThanOrEqualTo(40);
        assertThat(issued.json().get("expiresIn").asInt())
                .as("realtime.tickets.ttl of the tests")
                .isEqualTo(2);

        try (SseClient stream = stream("topics=orders&ticket=" + ticket)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith("text/event-stream");
            UUID order = UUID.randomUUID();
            publish(TestEvents.orderCreated(order, shopper.id()));

            var event = stream.nextEvent(Duration.ofSeconds(10));
            assertThat(event).isNotNull();
            assertThat(event.data()).contains(order.toString());
        }
    }

    @Test
    void aTicketWorksOnce() {
        var shopper = shopper();
        String ticket = http.send("POST", "/v1/stream/tickets", null, new byte[0], shopper.bearer())
                .json()
                .get("ticket")
                .asString();

        try (SseClient first = stream("topics=orders&ticket=" + ticket)) {
            assertThat(first.status()).isEqualTo(200);
        }
        var second = http.get("/v1/stream?topics=orders&ticket=" + ticket, "Accept", "text/event-stream");
        assertProblem(second, 401, "unauthorized");
    }

    @Test
    void aTicketExpires() throws InterruptedException {
        String ticket = http.send(
                        "POST",
                        "/v1/stream/tickets",
                        null,
                        new byte[0],
                        shopper().bearer())
                .json()
                .get("ticket")
                .asString();

        Thread.sleep(2_500);

        assertProblem(
                http.get("/v1/stream?topics=orders&ticket=" + ticket, "Accept", "text/event-stream"),
                401,
                "unauthorized");
    }

    @Test
    void aBadRequestDoesNotSpendTheTicket() {
        String ticket = http.send(
                        "POST",
                        "/v1/stream/tickets",
                        null,
                        new byte[0],
                        shopper().bearer())
                .json()
                .get("ticket")
                .asString();

        assertProblem(http.get("/v1/stream?topics=chats&ticket=" + ticket), 400, "validation");

        try (SseClient stream = stream("topics=orders&ticket=" + ticket)) {
            assertThat(stream.status()).isEqualTo(200);
        }
    }

    @Test
    void onlyASignedInUserGetsATicket() {
        assertProblem(http.send("POST", "/v1/stream/tickets", null, new byte[0]), 401, "unauthorized");
        assertProblem(
                http.send(
                        "POST",
                        "/v1/stream/tickets",
                        null,
                        new byte[0],
                        "Authorization",
                        "Bearer " + IDENTITY.rogueToken("customer")),
                401,
                "unauthorized");
    }
}
