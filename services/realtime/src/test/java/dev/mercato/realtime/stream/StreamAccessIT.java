package dev.mercato.realtime.stream;

import static dev.mercato.testsupport.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.realtime.RealtimeIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Who may open a stream, and for what: 401 and 400 as problem documents, even to an EventSource's Accept. */
class StreamAccessIT extends RealtimeIntegrationTest {

    private static final String[] EVENT_SOURCE = {"Accept", "text/event-stream"};

    @Test
    void withoutCredentialsIsUnauthorized() {
        var response = http.get("/v1/stream?topics=orders", EVENT_SOURCE);

        assertProblem(response, 401, "unauthorized");
        assertThat(response.header("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void aTokenIdentityDidNotSignIsUnauthorized() {
        var response =
                http.get("/v1/stream?topics=orders", "Authorization", "Bearer " + IDENTITY.rogueToken("customer"));

        assertProblem(response, 401, "unauthorized");
    }

    @Test
    void anUnknownTicketIsUnauthorized() {
        assertProblem(http.get("/v1/stream?topics=orders&ticket=nope", EVENT_SOURCE), 401, "unauthorized");
    }

    @Test
    void badTopicsAreNamedInAValidationProblem() {
        var shopper = shopper();
        for (String query :
                new String[] {"", "topics=", "topics=chats", "topics=product:42", "topics=orders,,orders"}) {
            var response = http.get(
                    "/v1/stream?" + query, "Authorization", shopper.bearer()[1], "Accept", "text/event-stream");
            JsonNode problem = assertProblem(response, 400, "validation");
            assertThat(problem.get("errors").get(0).get("field").asString())
                    .as(query)
                    .isEqualTo("topics");
        }
    }

    @Test
    void aMalformedLastEventIdIsNamed() {
        var response = http.get(
                "/v1/stream?topics=orders", "Authorization", shopper().bearer()[1], "Last-Event-ID", "yesterday");

        JsonNode problem = assertProblem(response, 400, "validation");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("Last-Event-ID");
    }

    @Test
    void theApiDocumentDescribesTheStreamTheSocketAndTickets() {
        var document = http.get("/v3/api-docs");

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.json().get("paths").propertyNames())
                .containsExactlyInAnyOrder("/v1/stream/tickets", "/v1/stream", "/v1/ws", "/v1/chat/presence");
    }

    @Test
    void otherPathsAreClosed() {
        assertThat(http.get("/v1/streams", "Authorization", shopper().bearer()[1])
                        .status())
                .isIn(403, 404);
    }
}
