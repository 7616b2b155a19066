package dev.mercato.messaging.consumer;

/** Thrown by a handler when retrying cannot help (invalid data, unknown version): the message is parked at once. */
public class PermanentMessageFailure extends RuntimeException {

    public PermanentMessageFailure(String message) {
        super(message);
    }

    public PermanentMessageFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
