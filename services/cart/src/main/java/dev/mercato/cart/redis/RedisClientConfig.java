package dev.mercato.cart.redis;

import dev.mercato.web.redis.FailFastRedis;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Redis holds the only copy of every cart, so a request cannot be answered without it: fail fast rather than wait. */
@Configuration(proxyBeanMethods = false)
@Import(FailFastRedis.class)
class RedisClientConfig {}
