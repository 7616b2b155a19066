package dev.mercato.documents.report;

import dev.mercato.jobs.job.Job;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The daily sales report, once per cluster (libs/jobs): shortly after midnight UTC the instance that takes the lock
 * requests the report of the UTC day that just ended, like an admin's {@code POST /v1/admin/documents/reports}; the
 * report workers render it. The run's summary names the report, so {@code ./mercato jobs documents} leads to
 * {@code GET /v1/admin/documents/reports/{id}}. A day whose turn passed while no instance ran is not caught up: an
 * admin requests it.
 */
@Configuration(proxyBeanMethods = false)
class DailySalesReportJob {

    static final String NAME = "daily-sales-report";

    @Bean
    @ConditionalOnProperty(name = "documents.daily-report.enabled", havingValue = "true")
    Job dailySalesReport(SalesReports reports, DailyReportSettings settings) {
        return Job.named(NAME)
                .cron(settings.cron())
                .lockAtMostFor(Duration.ofMinutes(5))
                .runs(() -> {
                    LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
                    UUID report = reports.request(
                            yesterday.atStartOfDay(ZoneOffset.UTC).toInstant(),
                            yesterday.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
                    return "requested sales report " + report + " for " + yesterday;
                });
    }
}
