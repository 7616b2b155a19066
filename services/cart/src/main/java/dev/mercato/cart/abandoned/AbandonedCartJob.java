package dev.mercato.cart.abandoned;

import dev.mercato.jobs.job.Job;
import java.time.Duration;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The reminder job, once per cluster (libs/jobs; cart has no database, so its lock and runs are in Redis), and the
 * exchange it publishes on, declared as libs/messaging declares it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "cart.abandoned.enabled", havingValue = "true")
class AbandonedCartJob {

    static final String NAME = "abandoned-cart-reminders";

    @Bean
    Job abandonedCartReminderJob(AbandonedCartReminders reminders, AbandonedCartProperties properties) {
        return Job.named(NAME)
                .every(properties.interval())
                // a run is a few Redis scripts and one confirmed publish per reminder
                .lockAtMostFor(Duration.ofMinutes(5))
                .runs(reminders::run);
    }

    @Bean
    Declarables abandonedCartTopology(AbandonedCartProperties properties) {
        return new Declarables(new TopicExchange(properties.exchange()));
    }
}
