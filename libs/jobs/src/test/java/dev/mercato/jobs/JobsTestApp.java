package dev.mercato.jobs;

import dev.mercato.jobs.job.Job;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** A service with two jobs, the way services declare them; the tests start it twice on one database. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class JobsTestApp {

    /** Items the sweep finds due at its next run (shared by both instances, like rows in a table). */
    public static final AtomicInteger DUE = new AtomicInteger();

    @Bean
    SimpleMeterRegistry meters() {
        return new SimpleMeterRegistry();
    }

    /** Every second on the second: every instance's timer fires at the same moment, and each run takes a while. */
    @Bean
    Job tick() {
        return Job.named("tick")
                .cron("* * * * * *")
                .lockAtMostFor(Duration.ofSeconds(5))
                .runs(() -> {
                    Thread.sleep(100);
                    return "ticked";
                });
    }

    @Bean
    Job broken() {
        return Job.named("broken").every(Duration.ofMillis(300)).runs(() -> {
            throw new IllegalStateException("the disk is full");
        });
    }

    @Bean
    Job sweep() {
        return Job.named("sweep").every(Duration.ofMillis(200)).sweeps(() -> DUE.getAndSet(0), n -> "swept " + n);
    }
}
