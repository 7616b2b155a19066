package dev.mercato.web.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tells the client which trace its request joined, so a support ticket can quote it. Runs after the server observation
 * has opened the request's span.
 */
public class TraceparentResponseFilter extends OncePerRequestFilter {

    private final Tracer tracer;

    public TraceparentResponseFilter(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Span span = tracer.currentSpan();
        if (span != null) {
            response.setHeader(Traceparent.HEADER, Traceparent.of(span.context()));
        }
        chain.doFilter(request, response);
    }
}
