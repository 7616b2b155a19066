package dev.mercato.web.problem;

import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;

/**
 * An error a feature raises on purpose; the web layer renders its problem document as it is.
 * Subclass it only when a caller needs to catch one kind specifically.
 */
public class ProblemException extends RuntimeException {

    private final transient ProblemDetail problem;
    private final transient HttpHeaders headers = new HttpHeaders();

    public ProblemException(ProblemDetail problem) {
        super(problem.getDetail(), null, false, false);
        this.problem = problem;
    }

    public ProblemDetail problem() {
        return problem;
    }

    /** Response headers that belong to this problem, e.g. {@code Retry-After} on a 429. */
    public HttpHeaders headers() {
        return headers;
    }

    public ProblemException withHeader(String name, String value) {
        headers.set(name, value);
        return this;
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(Problems.of(ProblemType.NOT_FOUND, what + " " + id + " does not exist"));
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(Problems.invalid(List.of(new FieldError(field, message))));
    }
}
