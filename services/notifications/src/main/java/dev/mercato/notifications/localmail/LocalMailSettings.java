package dev.mercato.notifications.localmail;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param api the HTTP API of the local SMTP server that captures every mail (GreenMail, which {@code ./mercato up}
 *     starts); unset in production, where mail leaves for real and {@code GET /v1/admin/mail} answers 404
 */
@ConfigurationProperties("notifications.local-mail")
record LocalMailSettings(@Nullable URI api) {}
