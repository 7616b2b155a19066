package dev.mercato.realtime.web;

import dev.mercato.web.problem.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Errors no handler answered, as problem documents like every service's (libs/web does this for servlet services):
 * a store out of reach is 503 with {@code Retry-After} (Redis holds the tickets and the history), a status raised by
 * the framework keeps its status, anything else is 500 and logged. A stream whose headers are out is just closed.
 */
@Component
@Order(-2) // before Spring Boot's own error handler
class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final ProblemResponses problems;

    ProblemExceptionHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        if (failure instanceof DataAccessException unreachable) {
            log.warn(
                    "{} {}: a store is unreachable: {}",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(),
                    unreachable.getMessage());
            return problems.write(exchange, ProblemType.UNAVAILABLE, "A store is unreachable; retry shortly");
        }
        if (failure instanceof ResponseStatusException status) {
            ProblemType type = ProblemType.forStatus(status.getStatusCode().value());
            return problems.write(exchange, type, status.getReason() != null ? status.getReason() : type.title());
        }
        log.error(
                "{} {} failed",
                exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(),
                failure);
        return problems.write(exchange, ProblemType.INTERNAL, "The request failed; it was logged");
    }
}
