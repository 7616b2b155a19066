package dev.mercato.grpc.server;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The platform's last-resort mapping of exceptions thrown by gRPC service methods; runs after the service's own
 * {@link GrpcExceptionHandler}s. Expected failures are logged in one line, unexpected ones with their stack trace;
 * the caller never sees internals.
 */
public final class GrpcExceptionMapper implements GrpcExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(GrpcExceptionMapper.class);

    @Override
    public StatusException handleException(Throwable exception) {
        Status status = map(exception);
        if (status.getCode() == Status.Code.INTERNAL
                && !(exception instanceof StatusRuntimeException)
                && !(exception instanceof StatusException)) {
            log.error("gRPC call failed unexpectedly", exception);
        } else {
            log.info("gRPC call failed with {}: {}", status.getCode(), oneLine(exception));
        }
        return status.asException();
    }

    /** The status a caller sees for this exception. */
    public static Status map(Throwable exception) {
        return switch (exception) {
            case StatusRuntimeException e -> e.getStatus();
            case StatusException e -> e.getStatus();
            case IllegalArgumentException e -> Status.INVALID_ARGUMENT.withDescription(e.getMessage());
            case TransientDataAccessException e -> unavailable();
            case DataAccessResourceFailureException e -> unavailable();
            case CannotCreateTransactionException e -> unavailable();
            // a commit or rollback failed because the connection broke mid-transaction; the original error is hidden
            case TransactionSystemException e -> unavailable();
            default -> Status.INTERNAL.withDescription("internal error");
        };
    }

    private static Status unavailable() {
        return Status.UNAVAILABLE.withDescription("a resource of the service is unavailable, retry later");
    }

    private static String oneLine(Throwable exception) {
        return exception.getClass().getSimpleName() + ": " + exception.getMessage();
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
