package dev.mercato.documents.report;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param enabled whether the job is declared at all ({@code false}: no daily report from this service)
 * @param cron when yesterday's report is requested, a Spring cron expression in UTC (seconds first)
 */
@ConfigurationProperties("documents.daily-report")
record DailyReportSettings(boolean enabled, String cron) {}
