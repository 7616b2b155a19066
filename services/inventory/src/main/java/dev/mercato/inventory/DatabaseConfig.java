package dev.mercato.inventory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;

/**
 * A call that waited longer than {@code lock_timeout} for a row (SQL state 55P03) is a transient failure, like a
 * deadlock: Spring leaves it uncategorized (an INTERNAL error), here it becomes a {@link
 * PessimisticLockingFailureException}, which libs/grpc answers with UNAVAILABLE and libs/web with 503.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

    private static final String LOCK_NOT_AVAILABLE = "55P03";

    @Bean
    SQLExceptionTranslator sqlExceptionTranslator() {
        SQLExceptionTranslator standard = new SQLExceptionSubclassTranslator();
        return (task, sql, ex) -> LOCK_NOT_AVAILABLE.equals(ex.getSQLState())
                ? new PessimisticLockingFailureException(task + ": " + ex.getMessage(), ex)
                : standard.translate(task, sql, ex);
    }
}
