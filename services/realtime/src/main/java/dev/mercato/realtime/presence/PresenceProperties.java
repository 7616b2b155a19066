package dev.mercato.realtime.presence;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param ttl how long an instance's claim that a user is online lasts unless a heartbeat renews it: a few heartbeats,
 *     so an instance that dies without a word stops counting within it
 * @param lastSeenTtl how long a user's last-seen time is kept after they were last online
 * @param maxUsers the most users one presence request may name
 * @param maxConversationPages how many pages (of 100) of the caller's conversations a presence request reads from chat
 *     at most, looking for the users named
 */
@ConfigurationProperties("realtime.presence")
public record PresenceProperties(Duration ttl, Duration lastSeenTtl, int maxUsers, int maxConversationPages) {}
