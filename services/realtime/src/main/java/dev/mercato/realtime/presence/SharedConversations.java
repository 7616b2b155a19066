package dev.mercato.realtime.presence;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Which of some users share a conversation with the caller, as chat answers it: the caller's own conversations
 * ({@code GET /v1/chat/conversations}, with their members), asked with the caller's own token, so chat applies its
 * membership rules and nobody learns of a conversation they are not in. Pages of 100, newest first, until every user
 * named is found or {@code maxPages} were read. No transaction here; chat's answer is read once per request.
 */
@Component
class SharedConversations {

    /** Each page; and all of them, below the gateway's 3 s for the route. */
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static final Duration TOTAL = Duration.ofMillis(2_500);
    private static final int PAGE = 100;

    private final WebClient chat;
    private final int maxPages;

    SharedConversations(
            WebClient.Builder loadBalancedWebClient,
            @Value("${realtime.chat.uri:http://chat}") String uri,
            PresenceProperties properties) {
        this.chat = loadBalancedWebClient.clone().baseUrl(uri).build();
        this.maxPages = properties.maxConversationPages();
    }

    /**
     * @param token the caller's access token, verified here already
     * @return those of {@code users} who are members of one of the caller's conversations; fails with
     *     {@link ChatUnavailable} when chat does not answer 200
     */
    Mono<Set<UUID>> among(String token, Set<UUID> users) {
        return page(token, null, new HashSet<>(users), new LinkedHashSet<>(), 1)
                .timeout(TOTAL)
                .onErrorMap(failure -> !(failure instanceof ChatUnavailable), ChatUnavailable::new);
    }

    private Mono<Set<UUID>> page(String token, String cursor, Set<UUID> sought, Set<UUID> found, int number) {
        UriComponentsBuilder uri =
                UriComponentsBuilder.fromPath("/v1/chat/conversations").queryParam("limit", PAGE);
        if (cursor != null) {
            uri.queryParam("cursor", cursor);
        }
        return chat.get()
                .uri(uri.build().encode().toUriString())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchangeToMono(response -> response.statusCode().value() == 200
                        ? response.bodyToMono(JsonNode.class)
                        : response.releaseBody()
                                .then(Mono.error(new ChatUnavailable(
                                        "chat answered " + response.statusCode().value()))))
                .timeout(TIMEOUT)
                .onErrorMap(failure -> !(failure instanceof ChatUnavailable), ChatUnavailable::new)
                .flatMap(body -> {
                    for (JsonNode conversation : body.path("items")) {
                        for (JsonNode member : conversation.path("members")) {
                            UUID id = uuid(member.asString());
                            if (id != null && sought.remove(id)) {
                                found.add(id);
                            }
                        }
                    }
                    JsonNode next = body.path("nextCursor");
                    if (sought.isEmpty() || !next.isString() || number >= maxPages) {
                        return Mono.just(Set.copyOf(found));
                    }
                    return page(token, next.asString(), sought, found, number + 1);
                });
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }

    /** Chat could not say who shares a conversation with the caller: the request is answered 503. */
    static final class ChatUnavailable extends RuntimeException {
        ChatUnavailable(String message) {
            super(message, null, false, false);
        }

        ChatUnavailable(Throwable cause) {
            super("chat could not be asked: " + cause.getMessage(), cause, false, false);
        }
    }

    static List<UUID> inOrder(List<UUID> asked, Set<UUID> shared) {
        return asked.stream().filter(shared::contains).toList();
    }
}
