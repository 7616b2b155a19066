package dev.mercato.realtime.stream;

import dev.mercato.realtime.chat.ChatMembers;
import dev.mercato.realtime.history.StreamId;
import dev.mercato.realtime.security.Caller;
import dev.mercato.web.problem.ProblemType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;
import tools.jackson.databind.json.JsonMapper;

/**
 * One WebSocket (api.md, Real-time): the client's frames in, in order; out, each topic's events through the same
 * pipeline as an event stream ({@link Connections#topic}: history after {@code since}, then live, a bounded queue),
 * replies, and a ping on the shared heartbeat. A bad frame is answered with an error frame and changes nothing.
 *
 * <p>Each topic is followed on its own and every event names its topic, so a client resumes each topic from the last id
 * it received on it. The server closes the connection with a code saying why (see {@link Closing}); the client
 * reconnects and resumes.
 */
final class SocketConnection {

    private static final Logger log = LoggerFactory.getLogger(SocketConnection.class);

    /** Replies waiting for a client that sends frames but does not read: past this it is slow. */
    private static final int REPLIES = 32;

    /** How long a closing handshake may wait on a client that does not read before the socket is closed anyway. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    /** Typing notifications closer together than this are not passed on (a client sends one every few seconds). */
    private static final long TYPING_INTERVAL_NANOS = Duration.ofMillis(250).toNanos();

    private final Caller caller;
    private final Connections connections;
    private final ChatMembers members;
    private final ReactiveJwtDecoder tokens;
    private final SocketProperties properties;
    private final int maxTopics;
    private final JsonMapper json;

    /** The topics followed, by channel, with what ends each; only the client's sequence of frames touches it. */
    private final Map<String, Sinks.Empty<Void>> following = new HashMap<>();

    private final Sinks.Many<Flux<Frame>> topics = Sinks.many().unicast().onBackpressureBuffer();
    private final Sinks.Many<String> replies = Sinks.many()
            .unicast()
            .onBackpressureBuffer(Queues.<String>get(REPLIES).get());
    private final Sinks.Many<Instant> deadlines = Sinks.many().replay().latest();
    private final Sinks.Empty<Void> closing = Sinks.empty();
    private Instant deadline;
    /** When the last typing notification was passed on; only the client's sequence of frames touches it. */
    private long typedAt = System.nanoTime() - TYPING_INTERVAL_NANOS;

    SocketConnection(
            Caller caller,
            Connections connections,
            ChatMembers members,
            ReactiveJwtDecoder tokens,
            SocketProperties properties,
            int maxTopics,
            JsonMapper json) {
        this.caller = caller;
        this.connections = connections;
        this.members = members;
        this.tokens = tokens;
        this.properties = properties;
        this.maxTopics = maxTopics;
        this.json = json;
        this.deadline = caller.expiresAt();
        deadlines.tryEmitNext(deadline);
    }

    /** @param severe closes the socket at once, whatever it holds unsent */
    Mono<Void> run(WebSocketSession session, Runnable severe) {
        Sinks.Empty<Void> gone = Sinks.empty();
        Flux<WebSocketMessage> out = Flux.merge(
                        Flux.merge(
                                        connections.socket(),
                                        topics.asFlux().flatMap(topic -> topic, maxTopics),
                                        expiry(),
                                        closing.asMono().thenMany(Flux.<Frame>empty()))
                                .map(frame -> frame == Frame.HEARTBEAT
                                        ? session.pingMessage(buffers -> buffers.allocateBuffer(0))
                                        : session.textMessage(frame.json())),
                        replies.asFlux().map(session::textMessage))
                .takeUntilOther(gone.asMono())
                .onErrorResume(
                        failure -> close(session, Closing.of(failure), severe).thenMany(Flux.empty()));
        Mono<Void> in = session.receive()
                .filter(message -> message.getType() == WebSocketMessage.Type.TEXT
                        || message.getType() == WebSocketMessage.Type.BINARY) // pings and pongs are the transport's
                // read now: the frame's buffer is released once it has been handed on
                .map(message -> message.getType() == WebSocketMessage.Type.TEXT
                        ? Optional.of(message.getPayloadAsText())
                        : Optional.<String>empty())
                .concatMap(this::handle)
                .doFinally(signal -> gone.tryEmitEmpty())
                .then();
        return Mono.when(session.send(out), in);
    }

    private Flux<Frame> expiry() {
        return deadlines
                .asFlux()
                .switchMap(at -> Mono.delay(positive(Duration.between(Instant.now(), at))))
                .take(1)
                .flatMap(expired -> Flux.error(new Closing(
                        Closing.TOKEN_EXPIRED, "the access token expired; send a fresh one before it does")));
    }

    /** @param text the frame's text, empty for a binary frame */
    private Mono<Void> handle(Optional<String> text) {
        ClientFrame frame;
        try {
            if (text.isEmpty()) {
                throw new ClientFrame.BadFrame(ProblemType.VALIDATION, "frames are JSON text, not binary");
            }
            frame = ClientFrame.parse(text.get(), properties.maxFrameBytes(), json);
        } catch (ClientFrame.BadFrame bad) {
            return error(bad.type(), bad.getMessage());
        }
        return switch (frame) {
            case ClientFrame.Subscribe subscribe -> subscribe(subscribe.topics(), subscribe.since());
            case ClientFrame.Unsubscribe unsubscribe -> unsubscribe(unsubscribe.topics());
            case ClientFrame.Auth auth -> refresh(auth.token());
            case ClientFrame.Typing typing -> typing(typing.conversationId());
        };
    }

    /**
     * {@code chat.typing} to the conversation's other members (api.md: WebSocket only, never stored); nothing is
     * answered unless the caller is not a member (404, as chat answers). At most one per {@code TYPING_INTERVAL}: more
     * is dropped.
     */
    private Mono<Void> typing(UUID conversation) {
        long now = System.nanoTime();
        if (now - typedAt < TYPING_INTERVAL_NANOS) {
            return Mono.empty();
        }
        typedAt = now;
        return members.typing(conversation, caller.userId())
                .flatMap(delivered -> delivered
                        ? Mono.<Void>empty()
                        : error(ProblemType.NOT_FOUND, "Conversation " + conversation + " not found"))
                .onErrorResume(
                        failure -> !(failure instanceof Closing),
                        unavailable -> error(ProblemType.UNAVAILABLE, "typing could not be passed on; retry"));
    }

    /** Topics already followed stay as they are; new ones receive live events before {@code subscribed} is sent. */
    private Mono<Void> subscribe(List<String> names, @Nullable StreamId since) {
        Map<String, Topic> requested;
        try {
            requested = Topics.parseEach(names, caller.userId(), maxTopics);
        } catch (IllegalArgumentException invalid) {
            return error(ProblemType.VALIDATION, "topics: " + ClientFrame.abbreviated(invalid.getMessage()));
        }
        long added = requested.keySet().stream()
                .filter(channel -> !following.containsKey(channel))
                .count();
        if (following.size() + added > maxTopics) {
            return error(ProblemType.VALIDATION, "topics: at most " + maxTopics + " per connection");
        }
        requested.forEach((channel, topic) -> {
            if (!following.containsKey(channel)) {
                Sinks.Empty<Void> stop = Sinks.empty();
                following.put(channel, stop);
                topics.tryEmitNext(connections.topic(topic, since).takeUntilOther(stop.asMono()));
            }
        });
        return reply("subscribed", requested);
    }

    private Mono<Void> unsubscribe(List<String> names) {
        Map<String, Topic> requested;
        try {
            requested = Topics.parseEach(names, caller.userId(), maxTopics);
        } catch (IllegalArgumentException invalid) {
            return error(ProblemType.VALIDATION, "topics: " + ClientFrame.abbreviated(invalid.getMessage()));
        }
        requested.keySet().forEach(channel -> {
            Sinks.Empty<Void> stop = following.remove(channel);
            if (stop != null) {
                stop.tryEmitEmpty();
            }
        });
        return reply("unsubscribed", requested);
    }

    /** A fresh token of the same user moves the connection's deadline to its expiry; anything else changes nothing. */
    private Mono<Void> refresh(String token) {
        return tokens.decode(token)
                .map(Caller::of)
                .flatMap(fresh -> {
                    if (!fresh.userId().equals(caller.userId())) {
                        return error(ProblemType.FORBIDDEN, "the token is another user's");
                    }
                    if (fresh.expiresAt().isAfter(deadline)) {
                        deadline = fresh.expiresAt();
                        deadlines.tryEmitNext(deadline);
                    }
                    return send(Map.of("type", "authenticated", "expiresAt", deadline.toString()));
                })
                .onErrorResume(
                        failure -> failure instanceof JwtException || failure instanceof IllegalArgumentException,
                        invalid -> error(ProblemType.UNAUTHORIZED, "the access token is not valid"))
                .onErrorResume(
                        failure -> !(failure instanceof Closing),
                        unavailable -> error(ProblemType.UNAVAILABLE, "the token could not be checked; retry"));
    }

    private Mono<Void> reply(String type, Map<String, Topic> topicsByChannel) {
        return send(Map.of(
                "type",
                type,
                "topics",
                topicsByChannel.values().stream().map(Topic::name).toList()));
    }

    private Mono<Void> error(ProblemType type, String detail) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", "error");
        error.put("status", type.status().value());
        error.put("title", type.title());
        error.put("detail", detail);
        return send(error);
    }

    private Mono<Void> send(Map<String, ?> reply) {
        if (replies.tryEmitNext(json.writeValueAsString(reply)).isFailure()) {
            closing.tryEmitError(
                    new Closing(Closing.SLOW, "too slow: " + REPLIES + " replies unread; resume with since"));
        }
        return Mono.empty();
    }

    /** Tells the client why, then closes the socket even if the client never reads the close frame. */
    private static Mono<Void> close(WebSocketSession session, CloseStatus status, Runnable severe) {
        if (status.getCode() == CloseStatus.SERVER_ERROR.getCode()) {
            log.warn("WebSocket {} closed: {}", session.getId(), status.getReason());
        }
        return session.close(status).timeout(CLOSE_GRACE).onErrorResume(stalled -> Mono.fromRunnable(severe));
    }

    private static Duration positive(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
