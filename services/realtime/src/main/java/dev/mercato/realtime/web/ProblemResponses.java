package dev.mercato.realtime.web;

import dev.mercato.web.problem.FieldError;
import dev.mercato.web.problem.ProblemType;
import dev.mercato.web.problem.Problems;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 problem documents in the platform's shape (libs/web's types), written without content negotiation: an
 * {@code EventSource} accepts only {@code text/event-stream}, and must still learn why it was refused.
 */
@Component
public class ProblemResponses {

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    public Mono<ServerResponse> respond(ServerRequest request, ProblemType type, String detail) {
        return respond(request, type, detail, List.of());
    }

    public Mono<ServerResponse> invalid(ServerRequest request, String field, String message) {
        return respond(
                request, ProblemType.VALIDATION, field + ": " + message, List.of(new FieldError(field, message)));
    }

    private Mono<ServerResponse> respond(
            ServerRequest request, ProblemType type, String detail, List<FieldError> errors) {
        ServerResponse.BodyBuilder response =
                ServerResponse.status(type.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers(type).forEach((name, value) -> response.header(name, value));
        Object requestId = request.exchange().getAttribute(RequestIdWebFilter.ATTRIBUTE);
        return response.bodyValue(json.writeValueAsString(body(type, detail, request.path(), requestId, errors)));
    }

    /** For the security filters, which answer before any handler. */
    public Mono<Void> write(ServerWebExchange exchange, ProblemType type, String detail) {
        return write(exchange, type, detail, Map.of());
    }

    /** A 503 for a filter, whose client should wait {@code retryAfter} rather than the usual second. */
    public Mono<Void> unavailable(ServerWebExchange exchange, String detail, Duration retryAfter) {
        return write(
                exchange,
                ProblemType.UNAVAILABLE,
                detail,
                Map.of(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, retryAfter.toSeconds()))));
    }

    private Mono<Void> write(
            ServerWebExchange exchange, ProblemType type, String detail, Map<String, String> overrides) {
        return write(
                exchange.getRequest(),
                exchange.getResponse(),
                exchange.getAttribute(RequestIdWebFilter.ATTRIBUTE),
                type,
                detail,
                List.of(),
                overrides);
    }

    /**
     * For a handler below WebFlux's filters (the event stream), which has no exchange: the request id it answered
     * with, {@code errors} for a validation problem, {@code overrides} for headers other than the type's own.
     */
    public Mono<Void> write(
            ServerHttpRequest request,
            ServerHttpResponse response,
            @Nullable String requestId,
            ProblemType type,
            String detail,
            List<FieldError> errors,
            Map<String, String> overrides) {
        response.setStatusCode(type.status());
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers(type).forEach(response.getHeaders()::set);
        overrides.forEach(response.getHeaders()::set);
        byte[] bytes =
                json.writeValueAsBytes(body(type, detail, request.getURI().getRawPath(), requestId, errors));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }

    private static Map<String, String> headers(ProblemType type) {
        return switch (type) {
            case UNAUTHORIZED -> Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            case UNAVAILABLE -> Map.of(HttpHeaders.RETRY_AFTER, "1");
            default -> Map.of();
        };
    }

    private static Map<String, Object> body(
            ProblemType type, String detail, String instance, Object requestId, List<FieldError> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.uri().toString());
        body.put("title", type.title());
        body.put("status", type.status().value());
        body.put("detail", detail);
        body.put("instance", instance);
        if (requestId != null) {
            body.put(Problems.REQUEST_ID, requestId);
        }
        if (!errors.isEmpty()) {
            body.put(Problems.ERRORS, errors);
        }
        return body;
    }
}
