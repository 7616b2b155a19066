package dev.mercato.web.remote;

import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.ClassUtils;

/**
 * A transaction never spans a call to another process: a connection held while another service or the provider
 * answers is a connection the pool does not have, and under load every waiting call drains it until unrelated reads
 * time out (docs/adr/014). Every outgoing call (the gRPC channels of libs/grpc, the HTTP clients to the provider and
 * to identity) asks here first, so a call made inside a transaction fails at once, in every test that reaches it,
 * instead of only under load.
 */
public final class OutsideTransactions {

    private static final boolean TRANSACTIONS_ON_CLASSPATH = ClassUtils.isPresent(
            "org.springframework.transaction.support.TransactionSynchronizationManager",
            OutsideTransactions.class.getClassLoader());

    private OutsideTransactions() {}

    /**
     * @param call what is about to be called, for the message (e.g. {@code "gRPC inventory.v1.InventoryService/Reserve"})
     * @throws RemoteCallInTransaction when this thread is inside a transaction
     */
    public static void check(String call) {
        if (TRANSACTIONS_ON_CLASSPATH && TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new RemoteCallInTransaction(call);
        }
    }

    /** A remote call was made inside a transaction: a programming error, never a condition to retry. */
    public static final class RemoteCallInTransaction extends IllegalStateException {
        RemoteCallInTransaction(String call) {
            super(call + " was called inside a transaction: make remote calls before it begins or after it commits");
        }
    }
}
