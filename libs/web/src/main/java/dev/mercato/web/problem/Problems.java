package dev.mercato.web.problem;

import java.util.List;
import org.springframework.http.ProblemDetail;

/** Builds RFC 9457 problem documents in the one shape every service uses. */
public final class Problems {

    public static final String REQUEST_ID = "requestId";
    public static final String ERRORS = "errors";

    private Problems() {}

    public static ProblemDetail of(ProblemType type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        return problem;
    }

    public static ProblemDetail invalid(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.getFirst().field() + ": " + errors.getFirst().message()
                : errors.size() + " fields are invalid";
        ProblemDetail problem = of(ProblemType.VALIDATION, detail);
        problem.setProperty(ERRORS, List.copyOf(errors));
        return problem;
    }

    public static ProblemDetail invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }
}
