package dev.mercato.gateway.guard;

import java.time.Duration;
import java.util.Map;
import org.springframework.cloud.gateway.route.Route;

/** The longest a route may take to answer, from what it declares: {@code metadata.deadline}, else connect + response timeout. */
final class RouteDeadlines {

    static final String DEADLINE = "deadline";
    static final String CONNECT_TIMEOUT = "connect-timeout";
    static final String RESPONSE_TIMEOUT = "response-timeout";

    private RouteDeadlines() {}

    /** Null when the route declares neither a deadline nor a response timeout. */
    static Duration of(Route route) {
        Map<String, Object> metadata = route.getMetadata();
        Long declared = millis(metadata.get(DEADLINE));
        if (declared != null) {
            return Duration.ofMillis(declared);
        }
        Long response = millis(metadata.get(RESPONSE_TIMEOUT));
        if (response == null) {
            return null;
        }
        Long connect = millis(metadata.get(CONNECT_TIMEOUT));
        return Duration.ofMillis(response + (connect == null ? 0 : connect));
    }

    private static Long millis(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException notAMillisecondCount) {
            throw new IllegalStateException(
                    "route metadata must be a number of milliseconds, got: " + value, notAMillisecondCount);
        }
    }
}
