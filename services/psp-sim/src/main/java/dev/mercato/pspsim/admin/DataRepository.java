package dev.mercato.pspsim.admin;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class DataRepository {

    private final JdbcClient jdbc;

    DataRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void wipe() {
        jdbc.sql("truncate webhook_attempt, webhook_delivery, webhook_event, refund, payment, idempotency_key,"
                        + " flaky_attempt")
                .update();
    }
}
