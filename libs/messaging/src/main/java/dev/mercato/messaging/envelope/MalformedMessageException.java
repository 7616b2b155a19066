package dev.mercato.messaging.envelope;

/** A received message that cannot be read as an {@link Envelope}; retrying it cannot help. */
public class MalformedMessageException extends RuntimeException {

    public MalformedMessageException(String message) {
        super(message);
    }

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
