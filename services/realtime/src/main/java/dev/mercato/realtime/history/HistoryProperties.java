package dev.mercato.realtime.history;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param allMaxLength how many events the global stream keeps at least (up to 100 more): how far behind an instance's
 *     backplane reader may fall
 * @param channelMaxLength how many events each channel keeps at least (up to 100 more): how far back a client can
 *     resume
 * @param channelTtl a channel's history is forgotten this long after its last event
 * @param stateTtl how long an aggregate's last known state (order status rank, product price and stock) is kept
 * @param seenTtl how long an appended message id is remembered, so a redelivery appends nothing
 */
@ConfigurationProperties("realtime.history")
public record HistoryProperties(
        int allMaxLength, int channelMaxLength, Duration channelTtl, Duration stateTtl, Duration seenTtl) {}
