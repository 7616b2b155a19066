package dev.mercato.documents.invoice;

import dev.mercato.jobs.job.Durations;
import dev.mercato.jobs.job.Job;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Clears what killed writers leave in the invoice directory (their partial files), once per cluster every 10 minutes:
 * every instance shares the directory. A sweep: its runs that found nothing are recorded as one spell.
 */
@Configuration(proxyBeanMethods = false)
class StalePartialsJob {

    static final String NAME = "stale-partial-invoices";
    static final Duration AGE = Duration.ofMinutes(10);

    @Bean
    Job stalePartialInvoices(InvoiceFiles files) {
        return Job.named(NAME)
                .every(AGE)
                .lockAtMostFor(Duration.ofMinutes(5))
                .sweeps(
                        () -> files.deleteStalePartials(AGE),
                        deleted -> "deleted " + deleted + " partial invoice files older than " + Durations.format(AGE));
    }
}
