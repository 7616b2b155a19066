package dev.mercato.realtime.stream;

import dev.mercato.realtime.admission.Admission;
import dev.mercato.realtime.history.StreamId;
import dev.mercato.realtime.security.BearerTokens;
import dev.mercato.realtime.security.BearerTokens.InvalidTokenException;
import dev.mercato.realtime.security.Caller;
import dev.mercato.realtime.ticket.Tickets;
import dev.mercato.realtime.web.ProblemResponses;
import dev.mercato.web.problem.FieldError;
import dev.mercato.web.problem.ProblemType;
import dev.mercato.web.requestid.RequestIds;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * {@code GET /v1/stream} (api.md, Real-time) answered in front of WebFlux, as a decorator of its {@link HttpHandler}:
 * an event stream lives for hours, and whatever its request passes through stays in memory as long. Through WebFlux's
 * filters, security chain and router one idle stream held 29.4 KB of heap (docs/benchmarks.md), a third of it
 * operators of filters that had nothing left to do; here it holds the connection, its {@link Subscriber} and the
 * write. What the filters did for it is done here once: the request id, {@link Admission}, the caller (a bearer token
 * through the same decoder, or a one-time {@code ticket}), and problem documents for every refusal.
 *
 * <p>Who (no credentials: 401 before anything else), what ({@code topics}) and from where ({@code Last-Event-ID}):
 * bad topics or a bad id are 400 before a ticket is spent. Each frame is written as the bytes it was encoded to once
 * ({@link Frame#sse()}), whatever the number of connections it goes to.
 */
@Component
class EventStreams {

    private static final Logger log = LoggerFactory.getLogger(EventStreams.class);

    static final String PATH = "/v1/stream";
    static final String LAST_EVENT_ID = "Last-Event-ID";
    static final String TICKET = "ticket";
    static final String TOPICS = "topics";

    private final Admission admission;
    private final BearerTokens tokens;
    private final Tickets tickets;
    private final Connections connections;
    private final StreamProperties properties;
    private final ProblemResponses problems;

    EventStreams(
            Admission admission,
            BearerTokens tokens,
            Tickets tickets,
            Connections connections,
            StreamProperties properties,
            ProblemResponses problems) {
        this.admission = admission;
        this.tokens = tokens;
        this.tickets = tickets;
        this.connections = connections;
        this.properties = properties;
        this.problems = problems;
    }

    /** WebFlux's handler, with the event stream taken out of it. */
    HttpHandler around(HttpHandler webFlux) {
        return (request, response) -> request.getMethod() == HttpMethod.GET
                        && PATH.equals(request.getURI().getRawPath())
                ? handle(request, response)
                : webFlux.handle(request, response);
    }

    private Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
        Answer answer = new Answer(
                problems,
                request,
                response,
                RequestIds.acceptOrCreate(request.getHeaders().getFirst(RequestIds.HEADER)));
        response.getHeaders().set(RequestIds.HEADER, answer.requestId());
        if (!admission.tryOpen()) {
            return answer.problem(
                    ProblemType.UNAVAILABLE,
                    admission.refusal(),
                    Map.of(HttpHeaders.RETRY_AFTER, seconds(admission.retryAfter())));
        }
        return Mono.defer(() -> admitted(request, answer)).doFinally(signal -> admission.closed());
    }

    private Mono<Void> admitted(ServerHttpRequest request, Answer answer) {
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        MultiValueMap<String, String> query = request.getQueryParams();
        String ticket = query.getFirst(TICKET);
        boolean bearer = BearerTokens.isBearer(authorization);
        if (!bearer && ticket == null) {
            return answer.problem(
                    ProblemType.UNAUTHORIZED,
                    "An access token (Authorization: Bearer) or a ticket (?ticket=) is required",
                    Map.of());
        }
        StreamId after;
        try {
            String header = request.getHeaders().getFirst(LAST_EVENT_ID);
            after = header == null || header.isBlank() ? null : StreamId.parse(header);
        } catch (IllegalArgumentException invalid) {
            return answer.invalid(LAST_EVENT_ID, invalid.getMessage());
        }
        String topics = query.getFirst(TOPICS);
        Mono<Caller> caller;
        if (bearer) {
            caller = tokens.caller(authorization);
        } else {
            try {
                Topics.check(topics, properties.maxTopics());
            } catch (IllegalArgumentException invalid) {
                return answer.invalid(TOPICS, invalid.getMessage());
            }
            caller = tickets.redeem(ticket)
                    .switchIfEmpty(Mono.error(
                            () -> new Refusal(ProblemType.UNAUTHORIZED, "The ticket is unknown, used or expired")));
        }
        return caller.onErrorResume(failure -> answer.failed(failure).then(Mono.empty()))
                .flatMap(who -> open(answer, who, topics, after));
    }

    private Mono<Void> open(Answer answer, Caller caller, @Nullable String text, @Nullable StreamId after) {
        Map<String, Topic> topics;
        try {
            topics = Topics.parse(text, caller.userId(), properties.maxTopics());
        } catch (IllegalArgumentException invalid) {
            return answer.invalid(TOPICS, invalid.getMessage());
        }
        ServerHttpResponse response = answer.response();
        response.setStatusCode(HttpStatus.OK);
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.TEXT_EVENT_STREAM);
        headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
        // proxies that buffer responses (nginx) would hold events back
        headers.set("X-Accel-Buffering", "no");
        DataBufferFactory buffers = response.bufferFactory();
        return response.writeAndFlushWith(connections.stream(topics, after)
                        .filter(frame -> frame.sse() != null) // what only a WebSocket carries
                        .map(frame -> Mono.just(buffers.wrap(frame.sse()))))
                .onErrorResume(Subscriber.DroppedException.class, dropped -> {
                    // counted where it was decided (realtime.connections.dropped); the client reconnects and resumes
                    log.debug("GET {}: {}", PATH, dropped.getMessage());
                    sever(response);
                    return Mono.empty();
                });
    }

    /** Closes the connection rather than ending the response: a client that reads nothing would keep it open. */
    private static void sever(ServerHttpResponse response) {
        HttpServerResponse netty = ServerHttpResponseDecorator.getNativeResponse(response);
        netty.withConnection(connection -> connection.channel().close());
    }

    private static String seconds(Duration duration) {
        return String.valueOf(Math.max(1, duration.toSeconds()));
    }

    /** A refusal decided here rather than by a failure. */
    private static final class Refusal extends RuntimeException {
        private final ProblemType type;

        Refusal(ProblemType type, String detail) {
            super(detail, null, false, false);
            this.type = type;
        }
    }

    /** The problem documents of one request, carrying its request id as every service's do. */
    private record Answer(
            ProblemResponses problems, ServerHttpRequest request, ServerHttpResponse response, String requestId) {

        Mono<Void> problem(ProblemType type, String detail, Map<String, String> headers) {
            return problems.write(request, response, requestId, type, detail, List.of(), headers);
        }

        Mono<Void> invalid(String field, String message) {
            return problems.write(
                    request,
                    response,
                    requestId,
                    ProblemType.VALIDATION,
                    field + ": " + message,
                    List.of(new FieldError(field, message)),
                    Map.of());
        }

        /** Before the headers are out: who the caller is could not be settled. */
        Mono<Void> failed(Throwable failure) {
            return switch (failure) {
                case Refusal refusal -> problem(refusal.type, refusal.getMessage(), Map.of());
                case InvalidTokenException invalid -> problem(ProblemType.UNAUTHORIZED, invalid.getMessage(), Map.of());
                case AuthenticationServiceException keys -> {
                    log.warn("GET {}: identity's keys are out of reach: {}", PATH, keys.getMessage());
                    yield problem(
                            ProblemType.UNAVAILABLE, "Tokens cannot be verified right now; retry shortly", Map.of());
                }
                case DataAccessException unreachable -> {
                    log.warn("GET {}: a store is unreachable: {}", PATH, unreachable.getMessage());
                    yield problem(ProblemType.UNAVAILABLE, "A store is unreachable; retry shortly", Map.of());
                }
                default -> {
                    log.error("GET {} failed", PATH, failure);
                    yield problem(ProblemType.INTERNAL, "The request failed; it was logged", Map.of());
                }
            };
        }
    }
}
