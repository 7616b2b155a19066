package dev.mercato.notifications.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param from the sender of every mail, e.g. {@code Mercato <orders@mercato.local>} */
@ConfigurationProperties("notifications.mail")
public record MailSettings(String from) {}
