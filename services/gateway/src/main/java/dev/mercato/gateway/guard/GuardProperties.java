package dev.mercato.gateway.guard;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param margin added to a route's own deadline (connect plus response timeout, or its {@code metadata.deadline})
 *     before the guard answers for it: the route's timeout should always answer first
 * @param defaultDeadline for a request with no route yet (still in the security filters) or a route that declares no
 *     timeouts; the margin is added to it too
 * @param firstCheck when the guard first looks at a request: by then nearly every request has its route, whose
 *     deadline then applies; a request still running gets one more timer for what is left
 */
@ConfigurationProperties("gateway.guard")
public record GuardProperties(
        @DefaultValue("1s") Duration margin,
        @DefaultValue("6s") Duration defaultDeadline,
        @DefaultValue("1s") Duration firstCheck) {}
