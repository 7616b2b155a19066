package dev.mercato.web.servlet;

import dev.mercato.web.problem.ProblemType;
import dev.mercato.web.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * Spring Security's firewall checks a header value only when the application first reads it (the locale resolver
 * reading {@code Accept-Language}, say), so its refusal surfaces inside a handler: a 400, not an unexpected 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class FirewallProblemHandler {

    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Object> rejected(RequestRejectedException ex, WebRequest request) {
        return ServletProblemHandler.render(
                Problems.of(ProblemType.VALIDATION, "The request has a header, path or parameter that is not allowed"),
                new HttpHeaders(),
                request);
    }
}
