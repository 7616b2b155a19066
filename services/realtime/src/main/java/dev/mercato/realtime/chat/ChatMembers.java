package dev.mercato.realtime.chat;

import dev.mercato.realtime.history.RedisKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who belongs to which conversation, as chat's own events say ({@code recipients}: the members when a message was
 * stored or a marker moved; ADR 021), kept in Redis for what realtime sends without storing it: a typing
 * notification to the other members of a conversation, a presence change to everyone who shares one with the user.
 * Membership in chat only grows, so the sets only grow; someone who joined (a claim, a new room) is in them from the
 * conversation's next event on. Who may <em>read</em> someone's presence is chat's answer, asked each time
 * ({@code presence.SharedConversations}).
 */
@Component
public class ChatMembers {

    private static final RedisScript<Long> RECORD =
            RedisScript.of(new ClassPathResource("redis/chat-members.lua"), Long.class);

    private static final RedisScript<Long> TYPING =
            RedisScript.of(new ClassPathResource("redis/typing.lua"), Long.class);

    private final StringRedisTemplate redis;
    private final ReactiveStringRedisTemplate reactive;
    private final RedisKeys keys;
    private final String ttl;

    ChatMembers(
            StringRedisTemplate redis,
            ReactiveStringRedisTemplate reactive,
            RedisKeys keys,
            @Value("${realtime.chat.members-ttl:30d}") Duration ttl) {
        this.redis = redis;
        this.reactive = reactive;
        this.keys = keys;
        this.ttl = Long.toString(Math.max(1, ttl.toSeconds()));
    }

    /** Blocking: for the consumer's thread. */
    public void record(UUID conversationId, List<UUID> members) {
        if (members.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(members.size() + 3);
        args.add(ttl);
        args.add(conversationId.toString());
        args.add(keys.chatConversationsPrefix());
        members.forEach(member -> args.add(member.toString()));
        redis.execute(RECORD, List.of(keys.chatMembers(conversationId)), args.toArray());
    }

    /**
     * {@code chat.typing {conversationId, userId}} to the conversation's other members' connections, on every
     * instance; never stored.
     *
     * @return false when the typist is not a member of the conversation
     */
    public Mono<Boolean> typing(UUID conversationId, UUID typist) {
        String data = "{\"conversationId\":\"" + conversationId + "\",\"userId\":\"" + typist + "\"}";
        return reactive.execute(
                        TYPING,
                        List.of(keys.chatMembers(conversationId)),
                        List.of(typist.toString(), data, keys.ephemeral()))
                .next()
                .map(delivered -> delivered == 1L);
    }
}
