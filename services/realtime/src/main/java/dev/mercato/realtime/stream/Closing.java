package dev.mercato.realtime.stream;

import org.springframework.web.reactive.socket.CloseStatus;

/**
 * Why the server closes a WebSocket, as its close code (api.md, Real-time; ADR 015). In every case the client may
 * reconnect and resume each topic with {@code since}; only after {@link #TOKEN_EXPIRED} does it need a fresh token.
 */
final class Closing extends RuntimeException {

    /** The token the connection lives on expired and no fresh one came. */
    static final int TOKEN_EXPIRED = 4401;

    /** The client left its buffer full. */
    static final int SLOW = 4429;

    /** This instance missed events (its backplane fell behind): the client resumes, here or elsewhere. */
    static final int TRY_AGAIN = CloseStatus.SERVICE_OVERLOAD.getCode();

    private final int code;

    Closing(int code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    /** The close status for whatever ended the connection's frames. */
    static CloseStatus of(Throwable failure) {
        return switch (failure) {
            case Closing closing -> new CloseStatus(closing.code, closing.getMessage());
            case Subscriber.SlowClientException slow -> new CloseStatus(SLOW, slow.getMessage());
            case Subscriber.MissedEventsException missed -> new CloseStatus(TRY_AGAIN, missed.getMessage());
            default -> CloseStatus.SERVER_ERROR.withReason("the server failed; reconnect and resume with since");
        };
    }
}
