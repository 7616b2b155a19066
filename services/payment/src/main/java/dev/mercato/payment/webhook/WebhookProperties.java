package dev.mercato.payment.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param secret the HMAC key shared with the provider (the default in application.yml is psp-sim's dev-only one)
 * @param tolerance how far a signature's timestamp may be from now
 */
@ConfigurationProperties("payment.webhooks")
record WebhookProperties(String secret, Duration tolerance) {

    @Override
    public String toString() {
        return "WebhookProperties[secret=***, tolerance=" + tolerance + "]";
    }
}
