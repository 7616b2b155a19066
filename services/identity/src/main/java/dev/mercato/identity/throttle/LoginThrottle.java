package dev.mercato.identity.throttle;

import dev.mercato.identity.support.Sha256;
import dev.mercato.web.problem.ProblemException;
import dev.mercato.web.problem.ProblemType;
import dev.mercato.web.problem.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing: after too many failed logins for an account, or from one address, further attempts are
 * refused (429) until the period has passed — before the password is even checked, so a correct guess is refused too.
 * A successful login clears the account's counter.
 *
 * <p>If Redis is unreachable, logins are not throttled (and {@code identity_login_throttle_unavailable_total} counts
 * it): an outage of the counter store must not lock every user out.
 */
@Component
public class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final RedisScript<List<Long>> RECORD_FAILURE =
            (RedisScript) RedisScript.of(new ClassPathResource("throttle/record_failure.lua"), List.class);

    private final StringRedisTemplate redis;
    private final LoginThrottleProperties properties;
    private final MeterRegistry meters;

    LoginThrottle(StringRedisTemplate redis, LoginThrottleProperties properties, MeterRegistry meters) {
        this.redis = redis;
        this.properties = properties;
        this.meters = meters;
    }

    /** Refuses the attempt if the account or the address is over its limit. */
    public void check(String email, String address) {
        try {
            List<String> counts = redis.opsForValue().multiGet(List.of(accountKey(email), addressKey(address)));
            if (exceeds(counts.get(0), properties.perAccount()) || exceeds(counts.get(1), properties.perAddress())) {
                Long ttl = redis.getExpire(accountKey(email));
                meters.counter("identity.login.throttled").increment();
                long retryAfter =
                        ttl != null && ttl > 0 ? ttl : properties.period().toSeconds();
                throw new ProblemException(
                                Problems.of(ProblemType.TOO_MANY_REQUESTS, "Too many failed logins; try again later"))
                        .withHeader("Retry-After", String.valueOf(retryAfter));
            }
        } catch (ProblemException refused) {
            throw refused;
        } catch (RuntimeException unavailable) {
            unavailable(unavailable);
        }
    }

    public void recordFailure(String email, String address) {
        try {
            redis.execute(
                    RECORD_FAILURE,
                    List.of(accountKey(email), addressKey(address)),
                    String.valueOf(properties.period().toMillis()));
        } catch (RuntimeException unavailable) {
            unavailable(unavailable);
        }
    }

    public void recordSuccess(String email) {
        try {
            redis.delete(accountKey(email));
        } catch (RuntimeException unavailable) {
            unavailable(unavailable);
        }
    }

    private void unavailable(RuntimeException failure) {
        meters.counter("identity.login.throttle.unavailable").increment();
        log.warn("Login throttle unavailable, not throttling: {}", failure.toString());
    }

    private static boolean exceeds(String count, int limit) {
        return count != null && Long.parseLong(count) >= limit;
    }

    /** Hashed, so the store holds no email addresses. */
    private String accountKey(String email) {
        return properties.keyPrefix() + "account:" + Sha256.hex(email.strip().toLowerCase(Locale.ROOT));
    }

    private String addressKey(String address) {
        return properties.keyPrefix() + "address:" + address;
    }
}
