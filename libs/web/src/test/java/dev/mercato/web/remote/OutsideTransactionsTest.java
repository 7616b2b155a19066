package dev.mercato.web.remote;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;

class OutsideTransactionsTest {

    @AfterEach
    void leaveTheTransaction() {
        TransactionSynchronizationManager.setActualTransactionActive(false);
    }

    @Test
    void letsACallOutsideATransactionThrough() {
        assertThatCode(() -> OutsideTransactions.check("gRPC inventory/Reserve"))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesACallInsideATransaction() {
        TransactionSynchronizationManager.setActualTransactionActive(true);

        assertThatThrownBy(() -> OutsideTransactions.check("gRPC inventory/Reserve"))
                .isInstanceOf(OutsideTransactions.RemoteCallInTransaction.class)
                .hasMessageStartingWith("gRPC inventory/Reserve was called inside a transaction");
    }
}
