package dev.mercato.ordering.failpoint;

/** Thrown by a failpoint armed with {@code error}. */
public final class FailpointError extends RuntimeException {

    public FailpointError(String name) {
        super("failpoint " + name + " fired");
    }
}
