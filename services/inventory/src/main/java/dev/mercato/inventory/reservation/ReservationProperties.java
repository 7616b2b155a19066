package dev.mercato.inventory.reservation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param defaultTtl how long stock is held when a Reserve names no ttl
 * @param maxTtl the longest ttl a Reserve may ask for
 */
@ConfigurationProperties("inventory.reservations")
public record ReservationProperties(Duration defaultTtl, Duration maxTtl) {}
