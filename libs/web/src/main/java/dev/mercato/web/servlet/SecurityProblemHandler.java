package dev.mercato.web.servlet;

import dev.mercato.web.problem.ProblemType;
import dev.mercato.web.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * Authorization decided inside a controller ({@code @PreAuthorize}, object-level checks) fails with the same problem
 * documents as the filter chain: 401 without valid credentials, 403 when the caller may not do this.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SecurityProblemHandler {

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> forbidden(AccessDeniedException ex, WebRequest request) {
        return ServletProblemHandler.render(
                Problems.of(ProblemType.FORBIDDEN, "Your role does not allow this request"),
                new HttpHeaders(),
                request);
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> unauthorized(AuthenticationException ex, WebRequest request) {
        var headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return ServletProblemHandler.render(
                Problems.of(ProblemType.UNAUTHORIZED, "A valid access token is required"), headers, request);
    }
}
