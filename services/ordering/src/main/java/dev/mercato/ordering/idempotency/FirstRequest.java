package dev.mercato.ordering.idempotency;

/**
 * What the first request with a key does. It is prepared outside any transaction (it may call other services), its
 * effects are written in the transaction that stores the key and its response, and it is closed at the end whatever
 * happened.
 */
public interface FirstRequest extends AutoCloseable {

    /** The response stored with the key and answered to this request and every later one with the same key. */
    StoredResponse response();

    /** Inside the key's transaction: the request's effects. Throwing rolls the key back with them. */
    default void write() {}

    /** After the commit, only when this request's key was stored (not when a concurrent one got there first). */
    default void committed() {}

    /** Gives back whatever {@link #write()} took and {@link #committed()} did not hand on. */
    @Override
    default void close() {}

    /** A first request with nothing to write: only its response is stored. */
    static FirstRequest answering(StoredResponse response) {
        return () -> response;
    }
}
