package dev.mercato.realtime.stream;

import dev.mercato.realtime.chat.ChatMembers;
import dev.mercato.realtime.security.Caller;
import dev.mercato.realtime.ticket.Tickets;
import dev.mercato.realtime.web.ProblemResponses;
import dev.mercato.web.problem.ProblemType;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.socket.server.WebSocketService;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /v1/ws} (api.md, Real-time): the upgrade is authenticated as an event stream is (a bearer token, here
 * verified by the security filters, or a one-time {@code ticket}), and refused with a problem document otherwise — 401
 * without valid credentials, 400 for a request that is no WebSocket upgrade (checked before a ticket is spent).
 */
@Component
class SocketHandshake {

    private final WebSocketService upgrades;
    private final Tickets tickets;
    private final Connections connections;
    private final ChatMembers members;
    private final ReactiveJwtDecoder tokens;
    private final SocketProperties socket;
    private final StreamProperties stream;
    private final ProblemResponses problems;
    private final JsonMapper json;

    SocketHandshake(
            WebSocketService upgrades,
            Tickets tickets,
            Connections connections,
            ChatMembers members,
            ReactiveJwtDecoder tokens,
            SocketProperties socket,
            StreamProperties stream,
            ProblemResponses problems,
            JsonMapper json) {
        this.upgrades = upgrades;
        this.tickets = tickets;
        this.connections = connections;
        this.members = members;
        this.tokens = tokens;
        this.socket = socket;
        this.stream = stream;
        this.problems = problems;
        this.json = json;
    }

    Mono<ServerResponse> upgrade(ServerRequest request) {
        Optional<String> ticket = request.queryParam(EventStreams.TICKET);
        return bearer(request).flatMap(bearer -> {
            if (bearer.isEmpty() && ticket.isEmpty()) {
                return problems.respond(
                        request,
                        ProblemType.UNAUTHORIZED,
                        "An access token (Authorization: Bearer) or a ticket (?ticket=) is required");
            }
            if (!"websocket".equalsIgnoreCase(request.headers().firstHeader(HttpHeaders.UPGRADE))) {
                return problems.invalid(request, HttpHeaders.UPGRADE, "must be websocket: /v1/ws is a WebSocket");
            }
            if (bearer.isPresent()) {
                return open(request, bearer.get());
            }
            // the upgrade completes without a response: an empty result is no refusal
            return tickets.redeem(ticket.get())
                    .map(Optional::of)
                    .defaultIfEmpty(Optional.empty())
                    .flatMap(redeemed -> redeemed.isPresent()
                            ? open(request, redeemed.get())
                            : problems.respond(
                                    request, ProblemType.UNAUTHORIZED, "The ticket is unknown, used or expired"));
        });
    }

    /** The caller of a verified bearer token (the security filters checked it), if the request carried one. */
    private static Mono<Optional<Caller>> bearer(ServerRequest request) {
        return request.principal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(principal -> Optional.of(Caller.of(((JwtAuthenticationToken) principal).getToken())))
                .defaultIfEmpty(Optional.empty());
    }

    private static void sever(ServerRequest request) {
        HttpServerRequest netty =
                ServerHttpRequestDecorator.getNativeRequest(request.exchange().getRequest());
        netty.withConnection(connection -> connection.channel().close());
    }

    /** The upgrade answers the request itself: no response left to write. */
    private Mono<ServerResponse> open(ServerRequest request, Caller caller) {
        return upgrades.handleRequest(
                        request.exchange(),
                        session -> new SocketConnection(
                                        caller, connections, members, tokens, socket, stream.maxTopics(), json)
                                .run(session, () -> sever(request)))
                .then(Mono.empty());
    }
}
