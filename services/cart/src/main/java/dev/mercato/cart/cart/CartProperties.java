package dev.mercato.cart.cart;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param keyPrefix prefix of every cart key in Redis; a cart is the hash {@code <prefix><userId>}
 * @param ttl how long a cart lives after its last change
 * @param currency the one currency carts are priced in; products priced in another one cannot be added
 */
@ConfigurationProperties("cart")
public record CartProperties(String keyPrefix, Duration ttl, String currency) {}
