package dev.mercato.web.servlet;

import dev.mercato.web.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a query string the container would fail on later, inside Spring, as a 500: a parameter whose percent-encoding
 * is broken or whose bytes are not UTF-8, or more parameters than any endpoint takes. The answer is a 400 problem
 * document naming the parameter.
 */
public class QueryStringFilter extends OncePerRequestFilter {

    private final int maxParameters;

    public QueryStringFilter(int maxParameters) {
        this.maxParameters = maxParameters;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<QueryString.Violation> violation = QueryString.check(request.getQueryString(), maxParameters);
        if (violation.isPresent()) {
            request.setAttribute(
                    ProblemErrorController.PROBLEM_ATTRIBUTE,
                    Problems.invalid(
                            violation.get().parameter(), violation.get().reason()));
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        chain.doFilter(request, response);
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return true;
    }
}
