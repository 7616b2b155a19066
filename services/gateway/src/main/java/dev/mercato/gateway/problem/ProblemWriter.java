package dev.mercato.gateway.problem;

import dev.mercato.gateway.edge.RequestIdWebFilter;
import dev.mercato.web.problem.ProblemType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes a problem document as the response, in the shape every Mercato service uses. */
@Component
public class ProblemWriter {

    private final JsonMapper json;

    public ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerWebExchange exchange, ProblemType type, String detail) {
        return write(exchange, type, detail, 1);
    }

    /** A 503 whose client should wait longer than the usual second before it tries again. */
    public Mono<Void> unavailable(ServerWebExchange exchange, String detail, long retryAfterSeconds) {
        return write(exchange, ProblemType.UNAVAILABLE, detail, retryAfterSeconds);
    }

    /** A 503 refusing new work at admission: the gateway holds as much of it as it may. */
    public Mono<Void> busy(ServerWebExchange exchange, String detail, long retryAfterSeconds) {
        return write(exchange, ProblemType.BUSY, detail, retryAfterSeconds);
    }

    private Mono<Void> write(ServerWebExchange exchange, ProblemType type, String detail, long retryAfterSeconds) {
        ServerHttpResponse response = exchange.getResponse();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.uri().toString());
        body.put("title", type.title());
        body.put("status", type.status().value());
        body.put("detail", detail);
        body.put("instance", exchange.getRequest().getPath().value());
        Object requestId = exchange.getAttribute(RequestIdWebFilter.ATTRIBUTE);
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        response.setStatusCode(type.status());
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        switch (type) {
            case UNAVAILABLE, BUSY ->
                response.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
            case UNAUTHORIZED -> response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            default -> {}
        }
        byte[] bytes = json.writeValueAsBytes(body);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }
}
