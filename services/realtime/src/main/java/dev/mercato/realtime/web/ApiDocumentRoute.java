package dev.mercato.realtime.web;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code GET /v3/api-docs}: the service's OpenAPI document, where every service has it (the gateway serves it to Swagger
 * UI and the fuzz suite reads it). Written by hand: the stream and the WebSocket are functional routes springdoc does not
 * describe, and three operations do not earn a generator.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentRoute {

    @Bean
    RouterFunction<ServerResponse> apiDocument() {
        ClassPathResource document = new ClassPathResource("openapi/realtime.json");
        return RouterFunctions.route(
                GET("/v3/api-docs"),
                request -> ServerResponse.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(document));
    }
}
