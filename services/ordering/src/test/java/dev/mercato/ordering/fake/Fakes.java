package dev.mercato.ordering.fake;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;

final class Fakes {

    private Fakes() {}

    /** Counts the call and applies its scripted delay or failure; false when the call was failed. */
    static boolean enter(Faults faults, String method, StreamObserver<?> response) {
        try {
            faults.enter(method);
            return true;
        } catch (StatusRuntimeException e) {
            response.onError(e);
            return false;
        }
    }
}
