package dev.mercato.notifications.mail;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * A Thymeleaf engine of its own for mails (no web views here): {@code mail/*.html} in HTML mode, {@code mail/*.txt}
 * in text mode, texts from {@code mail/messages_<locale>.properties}. A missing translation falls back to the base
 * bundle (English), never to the machine's locale.
 */
@Configuration(proxyBeanMethods = false)
class MailTemplates {

    @Bean
    SpringTemplateEngine mailTemplateEngine() {
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.addTemplateResolver(resolver(TemplateMode.HTML, ".html", 1));
        engine.addTemplateResolver(resolver(TemplateMode.TEXT, ".txt", 2));
        engine.setTemplateEngineMessageSource(mailMessages());
        return engine;
    }

    @Bean
    MessageSource mailMessages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("mail/messages");
        messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String suffix, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("mail/");
        resolver.setResolvablePatterns(Set.of("*" + suffix));
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCacheable(true);
        resolver.setOrder(order);
        return resolver;
    }
}
