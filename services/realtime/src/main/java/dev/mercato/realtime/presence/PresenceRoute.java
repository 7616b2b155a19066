package dev.mercato.realtime.presence;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import dev.mercato.realtime.web.ProblemResponses;
import dev.mercato.web.problem.ProblemType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code GET /v1/chat/presence?users=id,id} (api.md, Chat): {@code {items: [{userId, status, lastSeen}]}} for those of
 * the users named who share a conversation with the caller (chat says which, {@link SharedConversations}); the others
 * are left out, as if unknown. Served by realtime, which holds presence; routed here by the gateway.
 */
@Configuration(proxyBeanMethods = false)
class PresenceRoute {

    static final String PATH = "/v1/chat/presence";
    private static final Logger log = LoggerFactory.getLogger(PresenceRoute.class);

    @Bean
    RouterFunction<ServerResponse> presenceReads(
            Presence presence, SharedConversations shared, PresenceProperties properties, ProblemResponses problems) {
        return RouterFunctions.route(GET(PATH), request -> {
            List<UUID> users;
            try {
                users = users(request.queryParam("users").orElse(null), properties.maxUsers());
            } catch (IllegalArgumentException invalid) {
                return problems.invalid(request, "users", invalid.getMessage());
            }
            return request.principal()
                    .cast(JwtAuthenticationToken.class)
                    .flatMap(caller -> shared.among(caller.getToken().getTokenValue(), new LinkedHashSet<>(users)))
                    .flatMap(visible -> presence.read(SharedConversations.inOrder(users, visible)))
                    .flatMap(statuses -> ServerResponse.ok()
                            .contentType(MediaType.APPLICATION_JSON)
                            .header("Cache-Control", "no-store")
                            .bodyValue(Map.of("items", statuses)))
                    .onErrorResume(SharedConversations.ChatUnavailable.class, unavailable -> {
                        log.warn("GET {}: {}", PATH, unavailable.getMessage());
                        return problems.respond(
                                request, ProblemType.UNAVAILABLE, "Chat could not be asked; retry shortly");
                    });
        });
    }

    /** 1 to {@code max} user ids, comma-separated; duplicates count once. */
    static List<UUID> users(String text, int max) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("name at least one user id");
        }
        Set<UUID> users = new LinkedHashSet<>();
        for (String raw : text.split(",", -1)) {
            String id = raw.trim();
            try {
                UUID user = UUID.fromString(id);
                if (!user.toString().equalsIgnoreCase(id)) {
                    throw new IllegalArgumentException();
                }
                users.add(user);
            } catch (IllegalArgumentException notAUuid) {
                throw new IllegalArgumentException("'" + abbreviated(id) + "' is not a user id (UUID)");
            }
            if (users.size() > max) {
                throw new IllegalArgumentException("at most " + max + " users");
            }
        }
        return new ArrayList<>(users);
    }

    private static String abbreviated(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
