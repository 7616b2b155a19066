package dev.mercato.grpc.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.transaction.CannotCreateTransactionException;

class GrpcExceptionMapperTest {

    @Test
    void keepsStatusesAsTheyAre() {
        assertThat(GrpcExceptionMapper.map(Status.NOT_FOUND.withDescription("x").asRuntimeException()))
                .satisfies(s -> assertThat(s.getCode()).isEqualTo(Status.Code.NOT_FOUND))
                .satisfies(s -> assertThat(s.getDescription()).isEqualTo("x"));
        assertThat(GrpcExceptionMapper.map(Status.ABORTED.asException()).getCode())
                .isEqualTo(Status.Code.ABORTED);
    }

    @Test
    void mapsBadInputAndTransientDatabaseFailures() {
        assertThat(GrpcExceptionMapper.map(new IllegalArgumentException("bad id")))
                .satisfies(s -> assertThat(s.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT))
                .satisfies(s -> assertThat(s.getDescription()).isEqualTo("bad id"));
        assertThat(GrpcExceptionMapper.map(new QueryTimeoutException("slow")).getCode())
                .isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(GrpcExceptionMapper.map(new DataAccessResourceFailureException("down"))
                        .getCode())
                .isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(GrpcExceptionMapper.map(new CannotCreateTransactionException("no connection"))
                        .getCode())
                .isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(GrpcExceptionMapper.map(
                                new org.springframework.transaction.TransactionSystemException("rollback failed"))
                        .getCode())
                .as("a commit or rollback that failed: the connection broke mid-transaction")
                .isEqualTo(Status.Code.UNAVAILABLE);
    }

    @Test
    void hidesEverythingElseBehindAGenericInternal() {
        Status status = GrpcExceptionMapper.map(new DataIntegrityViolationException("secret table t_x"));

        assertThat(status.getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(status.getDescription()).isEqualTo("internal error");
        assertThat(new GrpcExceptionMapper()
                        .handleException(new IllegalStateException("detail"))
                        .getStatus()
                        .getDescription())
                .isEqualTo("internal error");
    }
}
