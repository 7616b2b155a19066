package dev.mercato.realtime.history;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The service's Redis keys, all under one prefix ({@code realtime.redis.key-prefix}). */
@Component
public class RedisKeys {

    private final String prefix;

    RedisKeys(@Value("${realtime.redis.key-prefix}") String prefix) {
        this.prefix = prefix;
    }

    /** The global stream every instance tails: the backplane. */
    public String all() {
        return prefix + "all";
    }

    public String channel(String channel) {
        return prefix + "ch:" + channel;
    }

    String seen(Object messageId) {
        return prefix + "seen:" + messageId;
    }

    String state(String aggregate) {
        return prefix + "state:" + aggregate;
    }

    public String ticket(String ticket) {
        return prefix + "ticket:" + ticket;
    }

    /** A conversation's members, as its chat events named them. */
    public String chatMembers(Object conversationId) {
        return chatMembersPrefix() + conversationId;
    }

    /** Where a script finds a conversation's members: this, then the conversation id. */
    public String chatMembersPrefix() {
        return prefix + "chat:members:";
    }

    /** Where a script finds a user's conversations: this, then the user id. */
    public String chatConversationsPrefix() {
        return prefix + "chat:convs:";
    }

    /** The instances a user is connected to, each with when its claim expires. */
    public String presence(Object userId) {
        return prefix + "presence:" + userId;
    }

    public String lastSeen(Object userId) {
        return prefix + "presence:last:" + userId;
    }

    /** The pub/sub channel of the events no history keeps (typing, presence), which every instance listens to. */
    public String ephemeral() {
        return prefix + "ephemeral";
    }
}
