package dev.mercato.ordering.saga;

import dev.mercato.ordering.domain.Backoff;
import dev.mercato.ordering.domain.CheckoutSaga;
import dev.mercato.web.poll.PollSchedule;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SagaConfiguration {

    @Bean
    CheckoutSaga checkoutSaga(SagaProperties properties) {
        SagaProperties.Retry retry = properties.retry();
        return new CheckoutSaga(new Backoff(
                retry.initial(),
                retry.multiplier(),
                retry.max(),
                retry.jitter(),
                () -> ThreadLocalRandom.current().nextDouble()));
    }

    /**
     * When the poller next looks for due sagas: every {@code poll-interval} while it finds some, backing off to
     * {@code idle-poll-interval}; sagas this instance schedules bring the next poll forward.
     */
    @Bean
    PollSchedule sagaPollSchedule(SagaProperties properties, Clock clock) {
        return new PollSchedule(properties.pollInterval(), properties.idlePollInterval(), clock);
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
