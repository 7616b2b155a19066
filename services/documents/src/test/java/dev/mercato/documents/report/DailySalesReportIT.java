package dev.mercato.documents.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercato.documents.DocumentsIntegrationTest;
import dev.mercato.documents.Orders;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The job daily-sales-report, due every second here: each run requests the report of the UTC day before, which the
 * report consumer renders like an admin's request, and the run is recorded with the report's id.
 */
@TestPropertySource(properties = "documents.daily-report.cron=* * * * * *")
class DailySalesReportIT extends DocumentsIntegrationTest {

    @Test
    void requestsYesterdaysReportAndRecordsWhichOne() {
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        for (int i = 0; i < 3; i++) {
            Orders order = Orders.confirmedAt(
                    yesterday.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(3_600L * (i + 1)));
            publish(order.created());
            publish(order.confirmed());
        }

        // a run after all three orders were copied: its report counts them (one between two copies counts fewer)
        String summary = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> latestRenderedRunSummary(yesterday),
                        found -> found != null && ordersIn(found, yesterday) >= 3);
        UUID report = reportOf(summary);
        List<String> range = jdbc.sql("select range_from, range_to from sales_report where report_id = ?")
                .param(report)
                .query((rs, row) -> rs.getTimestamp(1).toInstant() + " "
                        + rs.getTimestamp(2).toInstant())
                .list();
        assertThat(range)
                .containsExactly(yesterday.atStartOfDay(ZoneOffset.UTC).toInstant() + " "
                        + yesterday.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        assertThat(csvOf(summary)).startsWith("day,currency,orders,total");
    }

    /** The orders the run's report counts for the day in EUR (0 when it has no such line). */
    private static int ordersIn(String summary, LocalDate day) {
        return csvOf(summary)
                .lines()
                .filter(row -> row.startsWith(day + ",EUR,"))
                .mapToInt(row -> Integer.parseInt(row.split(",")[2]))
                .sum();
    }

    /** The summary of the newest run whose report has been rendered, or null. */
    private String latestRenderedRunSummary(LocalDate day) {
        return jdbc.sql("""
                        select r.summary from jobs.job_run r
                        join sales_report s on s.report_id::text = split_part(r.summary, ' ', 4)
                        where r.job = 'daily-sales-report' and r.outcome = 'SUCCEEDED'
                          and r.summary like ? and s.rendered_at is not null
                        order by r.started_at desc limit 1
                        """)
                .param("requested sales report % for " + day)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    /** "requested sales report <id> for <day>" */
    private static UUID reportOf(String summary) {
        return UUID.fromString(summary.split(" ")[3]);
    }

    private static String csvOf(String summary) {
        try {
            return Files.readString(DIR.resolve("reports").resolve(reportOf(summary) + ".csv"));
        } catch (IOException e) {
            return "";
        }
    }
}
