package dev.mercato.grpc.client;

import dev.mercato.web.remote.OutsideTransactions;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;

/** Refuses a call made inside a transaction ({@link OutsideTransactions}), before anything is sent. */
final class OutsideTransactionInterceptor implements ClientInterceptor {

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        OutsideTransactions.check("gRPC " + method.getFullMethodName());
        return next.newCall(method, options);
    }
}
