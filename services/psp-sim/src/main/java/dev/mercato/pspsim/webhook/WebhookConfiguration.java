package dev.mercato.pspsim.webhook;

import dev.mercato.web.poll.PollSchedule;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

    /** When the dispatcher next looks for due deliveries; the events that queue them bring it forward. */
    @Bean
    PollSchedule webhookPollSchedule(WebhookProperties properties, Clock clock) {
        return new PollSchedule(properties.pollInterval(), properties.idlePollInterval(), clock);
    }
}
