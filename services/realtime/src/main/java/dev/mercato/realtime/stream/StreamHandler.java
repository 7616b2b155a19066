package dev.mercato.realtime.stream;

import dev.mercato.realtime.history.StreamId;
import dev.mercato.realtime.security.Caller;
import dev.mercato.realtime.ticket.Tickets;
import dev.mercato.realtime.web.ProblemResponses;
import dev.mercato.web.problem.ProblemType;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code GET /v1/stream} (api.md, Real-time): who (a bearer token, verified by the security filters, or a one-time
 * {@code ticket}), what ({@code topics}) and from where ({@code Last-Event-ID}). A request without credentials is 401
 * before anything else; bad topics or a bad id are 400 before a ticket is spent.
 */
@Component
class StreamHandler {

    static final String LAST_EVENT_ID = "Last-Event-ID";
    static final String TICKET = "ticket";

    private final Tickets tickets;
    private final Connections connections;
    private final StreamProperties properties;
    private final ProblemResponses problems;

    StreamHandler(Tickets tickets, Connections connections, StreamProperties properties, ProblemResponses problems) {
        this.tickets = tickets;
        this.connections = connections;
        this.properties = properties;
        this.problems = problems;
    }

    Mono<ServerResponse> stream(ServerRequest request) {
        Optional<String> ticket = request.queryParam(TICKET);
        return bearer(request).flatMap(bearer -> {
            if (bearer.isEmpty() && ticket.isEmpty()) {
                return problems.respond(
                        request,
                        ProblemType.UNAUTHORIZED,
                        "An access token (Authorization: Bearer) or a ticket (?ticket=) is required");
            }
            StreamId after;
            try {
                after = lastEventId(request);
            } catch (IllegalArgumentException invalid) {
                return problems.invalid(request, LAST_EVENT_ID, invalid.getMessage());
            }
            String topics = request.queryParam("topics").orElse(null);
            if (bearer.isPresent()) {
                return open(request, bearer.get(), topics, after);
            }
            try {
                Topics.check(topics, properties.maxTopics());
            } catch (IllegalArgumentException invalid) {
                return problems.invalid(request, "topics", invalid.getMessage());
            }
            return tickets.redeem(ticket.get())
                    .flatMap(caller -> open(request, caller, topics, after))
                    .switchIfEmpty(Mono.defer(() -> problems.respond(
                            request, ProblemType.UNAUTHORIZED, "The ticket is unknown, used or expired")));
        });
    }

    private Mono<ServerResponse> open(ServerRequest request, Caller caller, String text, @Nullable StreamId after) {
        Map<String, Topic> topics;
        try {
            topics = Topics.parse(text, caller.userId(), properties.maxTopics());
        } catch (IllegalArgumentException invalid) {
            return problems.invalid(request, "topics", invalid.getMessage());
        }
        return ServerResponse.ok()
                .contentType(MediaType.TEXT_EVENT_STREAM)
                .header("Cache-Control", "no-store")
                // proxies that buffer responses (nginx) would hold events back
                .header("X-Accel-Buffering", "no")
                .body(BodyInserters.fromServerSentEvents(
                        connections.stream(topics, after).map(Frame::sse)));
    }

    /** The caller of a verified bearer token (the security filters checked it), if the request carried one. */
    static Mono<Optional<Caller>> bearer(ServerRequest request) {
        return request.principal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(principal -> Optional.of(Caller.of(((JwtAuthenticationToken) principal).getToken())))
                .defaultIfEmpty(Optional.empty());
    }

    private static @Nullable StreamId lastEventId(ServerRequest request) {
        String header = request.headers().firstHeader(LAST_EVENT_ID);
        return header == null || header.isBlank() ? null : StreamId.parse(header);
    }
}
