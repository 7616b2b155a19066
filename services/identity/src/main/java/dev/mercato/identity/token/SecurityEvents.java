package dev.mercato.identity.token;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Records what a security review asks about, both as a row (queryable, kept) and as a WARN log line (alerting). */
@Component
public class SecurityEvents {

    private static final Logger log = LoggerFactory.getLogger("security-events");

    private final JdbcClient jdbc;

    SecurityEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(UUID userId, String kind, String detailJson) {
        jdbc.sql("insert into security_event (user_id, kind, detail) values (:user, :kind, :detail::jsonb)")
                .param("user", userId)
                .param("kind", kind)
                .param("detail", detailJson)
                .update();
        log.warn("security event {} for user {}: {}", kind, userId, detailJson);
    }
}
