package dev.mercato.documents.job;

import dev.mercato.messaging.outbox.Outbox;
import dev.mercato.messaging.outbox.OutgoingMessage;
import dev.mercato.messaging.topology.Exchanges;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts bulk invoice jobs: the job, its items and one message per chunk are stored in one transaction (the chunk
 * messages through the outbox), so a job is never half started; the relay then sends the chunks to the headers
 * exchange, where the workers compete for them.
 */
@Service
public class BulkJobs {

    private final JobRepository jobs;
    private final Outbox outbox;
    private final JobSettings settings;

    BulkJobs(JobRepository jobs, Outbox outbox, JobSettings settings) {
        this.jobs = jobs;
        this.outbox = outbox;
        this.settings = settings;
    }

    @Transactional
    public UUID invoices(Instant from, Instant to) {
        UUID job = UUID.randomUUID();
        int chunks = jobs.create(job, from, to, settings.chunkSize());
        for (int chunk = 0; chunk < chunks; chunk++) {
            OutgoingMessage message = new OutgoingMessage(
                    Exchanges.DOCUMENTS,
                    "",
                    InvoiceChunk.MESSAGE_TYPE,
                    1,
                    "document-job",
                    job.toString(),
                    new InvoiceChunk(job, chunk),
                    null,
                    null,
                    null,
                    InvoiceChunk.HEADERS);
            outbox.append(message);
        }
        return job;
    }

    public Optional<JobView> find(UUID job) {
        return jobs.find(job);
    }
}
