package dev.mercato.web.servlet;

import dev.mercato.web.problem.FieldError;
import dev.mercato.web.problem.ProblemException;
import dev.mercato.web.problem.ProblemType;
import dev.mercato.web.problem.Problems;
import dev.mercato.web.requestid.RequestIds;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every exception that reaches Spring MVC into an RFC 9457 problem document: validation errors name the field or
 * parameter, framework errors keep their status, anything unexpected becomes a 500 without internals.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ServletProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ServletProblemHandler.class);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Object> handleProblem(ProblemException ex, WebRequest request) {
        return render(ex.problem(), HttpHeaders.copyOf(ex.headers()), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
        log.error("Unhandled exception", ex);
        return render(
                Problems.of(
                        ProblemType.INTERNAL,
                        "The request could not be completed; quote the requestId when reporting it"),
                new HttpHeaders(),
                request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        ex.getBindingResult().getFieldErrors().forEach(e -> errors.add(new FieldError(e.getField(), message(e))));
        ex.getBindingResult().getGlobalErrors().forEach(e -> errors.add(new FieldError(e.getObjectName(), message(e))));
        return render(Problems.invalid(errors), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        for (ParameterValidationResult result : ex.getParameterValidationResults()) {
            String name = parameterName(result);
            result.getResolvableErrors().forEach(e -> errors.add(new FieldError(name, message(e))));
        }
        return render(Problems.invalid(errors), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = ex.getPropertyName() != null ? ex.getPropertyName() : "parameter";
        String expected = ex.getRequiredType() != null ? ex.getRequiredType().getSimpleName() : "another type";
        return render(
                Problems.invalid(name, "'" + ex.getValue() + "' is not a valid " + describe(expected)),
                headers,
                request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        return render(Problems.invalid(ex.getParameterName(), "is required"), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ProblemException problem) {
                return render(problem.problem(), headers, request);
            }
        }
        ProblemDetail problem = Problems.of(
                ProblemType.MALFORMED_BODY, "The request body is missing or is not valid JSON for this endpoint");
        BodyErrors.of(ex.getCause()).ifPresent(error -> {
            problem.setDetail(error.field() + ": " + error.message());
            problem.setProperty(Problems.ERRORS, List.of(error));
        });
        return render(problem, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail given ? given : ProblemDetail.forStatus(status);
        ProblemType type = ProblemType.forStatus(status.value());
        if (problem.getDetail() == null) {
            // Framework exceptions describe the request, not our internals ("Request method 'DELETE' is not
            // supported").
            problem.setDetail(ex instanceof org.springframework.web.ErrorResponse ? ex.getMessage() : type.title());
        }
        problem.setType(type.uri());
        problem.setTitle(type.title());
        return render(problem, headers, request);
    }

    static ResponseEntity<Object> render(ProblemDetail problem, HttpHeaders headers, WebRequest request) {
        Object requestId = request.getAttribute(RequestIds.MDC_KEY, RequestAttributes.SCOPE_REQUEST);
        if (requestId != null) {
            problem.setProperty(Problems.REQUEST_ID, requestId);
        }
        return ResponseEntity.status(HttpStatus.valueOf(problem.getStatus()))
                .headers(headers)
                .body(problem);
    }

    private static String parameterName(ParameterValidationResult result) {
        var parameter = result.getMethodParameter();
        var requestParam = parameter.getParameterAnnotation(org.springframework.web.bind.annotation.RequestParam.class);
        if (requestParam != null && !requestParam.name().isEmpty()) {
            return requestParam.name();
        }
        String name = parameter.getParameterName();
        return name != null ? name : "parameter";
    }

    private static String message(MessageSourceResolvable error) {
        return error.getDefaultMessage() != null ? error.getDefaultMessage() : "is invalid";
    }

    private static String describe(String type) {
        return switch (type) {
            case "int", "Integer", "long", "Long" -> "integer";
            case "BigDecimal", "double", "Double" -> "number";
            case "UUID" -> "UUID";
            default -> type;
        };
    }
}
