package dev.mercato.realtime.ticket;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param ttl how long a ticket can be redeemed (api.md: 30 s) */
@ConfigurationProperties("realtime.tickets")
record TicketProperties(Duration ttl) {}
