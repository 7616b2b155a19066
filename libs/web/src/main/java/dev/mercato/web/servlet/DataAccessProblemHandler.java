package dev.mercato.web.servlet;

import dev.mercato.web.problem.ProblemType;
import dev.mercato.web.problem.Problems;
import java.sql.SQLException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * A store that cannot be reached is the service being unavailable (503), not a bug in the request (500). That includes
 * a transaction that cannot begin because no pooled connection came free in time: under a burst the pool sheds load,
 * and the client's retry (safe with an idempotency key) gets through.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DataAccessProblemHandler {

    private static final Set<String> UNSTORABLE_TEXT = Set.of("22021", "22P05");

    private static final Logger log = LoggerFactory.getLogger(DataAccessProblemHandler.class);

    @ExceptionHandler({
        DataAccessResourceFailureException.class,
        TransientDataAccessException.class,
        QueryTimeoutException.class,
        CannotCreateTransactionException.class
    })
    ResponseEntity<Object> storeUnavailable(Exception ex, WebRequest request) {
        log.warn("Store unavailable: {}", ex.getMessage());
        var problem = Problems.of(ProblemType.UNAVAILABLE, "A data store is temporarily unavailable; retry shortly");
        var headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "1");
        return ServletProblemHandler.render(problem, headers, request);
    }

    /**
     * PostgreSQL refuses text it cannot store (SQLSTATE 22021, e.g. a NUL character, or 22P05): the value came from the
     * request, so the request is what is wrong.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> unstorableText(DataIntegrityViolationException ex, WebRequest request) throws Exception {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNSTORABLE_TEXT.contains(sql.getSQLState())) {
                return ServletProblemHandler.render(
                        Problems.of(
                                ProblemType.VALIDATION,
                                "The request contains a character that cannot be stored (such as NUL)"),
                        new HttpHeaders(),
                        request);
            }
        }
        throw ex;
    }
}
