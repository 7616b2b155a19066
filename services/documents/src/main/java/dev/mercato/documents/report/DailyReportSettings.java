package dev.mercato.documents.report;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The job's schedule. ({@code documents.daily-report.enabled=false} declares no job at all: {@link DailySalesReportJob}
 * is conditional on it.)
 *
 * @param cron when yesterday's report is requested, a Spring cron expression in UTC (seconds first)
 */
@ConfigurationProperties("documents.daily-report")
record DailyReportSettings(String cron) {}
