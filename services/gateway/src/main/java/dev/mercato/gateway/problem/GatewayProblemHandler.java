package dev.mercato.gateway.problem;

import dev.mercato.gateway.edge.RequestLogContext;
import dev.mercato.web.problem.ProblemType;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Answers every failure at the edge with a problem document: a downstream that is down or refuses connections is 503,
 * one that is too slow is 504, an open circuit is 503 at once. Never a stack trace, never a hang.
 */
@Component
@Order(-2) // ahead of Spring Boot's default handler (-1)
public class GatewayProblemHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayProblemHandler.class);

    private final ProblemWriter problems;

    public GatewayProblemHandler(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        String service = targetService(exchange);
        Classified problem = classify(error, service);
        Mono<Void> answer = problems.write(exchange, problem.type(), problem.detail());
        if (problem.type() == ProblemType.INTERNAL) {
            return RequestLogContext.log(
                            exchange,
                            () -> log.error(
                                    "Unhandled gateway error on {}",
                                    exchange.getRequest().getPath(),
                                    error))
                    .then(answer);
        }
        if (problem.type().status().is5xxServerError()) {
            return RequestLogContext.log(
                            exchange,
                            () -> log.warn(
                                    "{} for {}: {}",
                                    problem.type().status(),
                                    exchange.getRequest().getPath(),
                                    error.toString()))
                    .then(answer);
        }
        return answer;
    }

    record Classified(ProblemType type, String detail) {}

    static Classified classify(Throwable error, String service) {
        Throwable root = rootCause(error);
        if (error instanceof CallNotPermittedException || root instanceof CallNotPermittedException) {
            return new Classified(
                    ProblemType.UNAVAILABLE, service + " is failing; calls are paused briefly to let it recover");
        }
        if (error instanceof AuthenticationServiceException) {
            // the token could not be checked at all (identity's keys out of reach), which says nothing of the token
            return new Classified(ProblemType.UNAVAILABLE, "Access tokens cannot be verified right now; retry shortly");
        }
        if (root instanceof TimeoutException || root instanceof ReadTimeoutException) {
            return new Classified(ProblemType.TIMEOUT, service + " did not answer in time");
        }
        if (root instanceof ConnectException
                || root instanceof ConnectTimeoutException
                || root instanceof PrematureCloseException) {
            return new Classified(ProblemType.UNAVAILABLE, service + " is unavailable; retry shortly");
        }
        if (root instanceof DataBufferLimitException) {
            return new Classified(ProblemType.PAYLOAD_TOO_LARGE, "The request body is too large");
        }
        Integer status = declaredStatus(error);
        if (status != null) {
            ProblemType type = ProblemType.forStatus(status);
            String detail = switch (type) {
                case UNAVAILABLE -> service + " is unavailable; retry shortly";
                case TIMEOUT -> service + " did not answer in time";
                case NOT_FOUND -> "No resource at this path";
                default ->
                    error instanceof ResponseStatusException rse && rse.getReason() != null
                            ? rse.getReason()
                            : type.title();
            };
            return new Classified(type, detail);
        }
        return new Classified(ProblemType.INTERNAL, "The gateway could not complete the request; quote the requestId");
    }

    /**
     * The status a framework exception carries, either as a value or as a {@code @ResponseStatus} annotation. The
     * route circuit breaker raises an {@link HttpStatusCodeException} for a downstream answer it counts as a failure
     * (a 503 from the service): that status is the one to pass on.
     */
    private static Integer declaredStatus(Throwable error) {
        if (error instanceof ResponseStatusException status) {
            return status.getStatusCode().value();
        }
        if (error instanceof HttpStatusCodeException status) {
            return status.getStatusCode().value();
        }
        ResponseStatus annotated = AnnotatedElementUtils.findMergedAnnotation(error.getClass(), ResponseStatus.class);
        return annotated != null ? annotated.code().value() : null;
    }

    private static String targetService(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        return route != null ? "The " + route.getId() + " service" : "The service";
    }

    private static Throwable rootCause(Throwable error) {
        Throwable current = error;
        while (current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }
}
