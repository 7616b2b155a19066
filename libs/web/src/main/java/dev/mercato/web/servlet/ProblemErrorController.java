package dev.mercato.web.servlet;

import dev.mercato.web.problem.ProblemType;
import dev.mercato.web.problem.Problems;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * Renders errors that never reached a controller (raised by a filter or the container) as problem documents instead of
 * the default error page.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    /** Request attribute a filter may set to explain the status it sent. */
    public static final String DETAIL_ATTRIBUTE = ProblemErrorController.class.getName() + ".detail";

    /** Request attribute a filter may set to send a whole problem document (e.g. naming the field) with its status. */
    public static final String PROBLEM_ATTRIBUTE = ProblemErrorController.class.getName() + ".problem";

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<Object> error(HttpServletRequest request) {
        if (request.getAttribute(PROBLEM_ATTRIBUTE) instanceof ProblemDetail problem) {
            problem.setInstance(originalUri(request));
            return ServletProblemHandler.render(problem, new HttpHeaders(), new ServletWebRequest(request));
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : 500;
        ProblemType type = ProblemType.forStatus(status);
        Object detail = request.getAttribute(DETAIL_ATTRIBUTE);
        var problem = Problems.of(type, detail != null ? detail.toString() : type.title());
        problem.setStatus(status);
        problem.setInstance(originalUri(request));
        return ServletProblemHandler.render(problem, new HttpHeaders(), new ServletWebRequest(request));
    }

    /** The path the client asked for, not this controller's {@code /error}. */
    private static java.net.@org.jspecify.annotations.Nullable URI originalUri(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        try {
            return uri != null ? java.net.URI.create(uri.toString()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
