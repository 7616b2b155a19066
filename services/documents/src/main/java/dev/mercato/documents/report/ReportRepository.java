package dev.mercato.documents.report;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ReportRepository {

    private final JdbcClient jdbc;

    ReportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void requested(UUID report, Instant from, Instant to) {
        jdbc.sql("insert into sales_report (report_id, range_from, range_to) values (?, ?, ?)")
                .params(report, Timestamp.from(from), Timestamp.from(to))
                .update();
    }

    Optional<Instant[]> range(UUID report) {
        return jdbc.sql("select range_from, range_to from sales_report where report_id = ?")
                .param(report)
                .query((rs, row) -> new Instant[] {
                    rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()
                })
                .optional();
    }

    void rendered(UUID report) {
        jdbc.sql("update sales_report set rendered_at = now() where report_id = ?")
                .param(report)
                .update();
    }

    boolean isRendered(UUID report) {
        return jdbc.sql("select count(*) from sales_report where report_id = ? and rendered_at is not null")
                        .param(report)
                        .query(Integer.class)
                        .single()
                > 0;
    }
}
