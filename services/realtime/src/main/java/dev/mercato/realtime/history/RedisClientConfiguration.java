package dev.mercato.realtime.history;

import dev.mercato.web.redis.FailFastRedis;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Every ticket, every resume and the backplane need Redis: while it is unreachable, fail at once (a 503, the consumer's
 * retry, the backplane's next try in a second) rather than queue commands until their timeout, and reconnect soon.
 */
@Configuration(proxyBeanMethods = false)
@Import(FailFastRedis.class)
class RedisClientConfiguration {}
