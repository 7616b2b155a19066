package dev.mercato.notifications.mail;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;

/** Renders a mail's subject, HTML and text parts in its recipient's language. */
@Component
public class MailComposer {

    private final SpringTemplateEngine templates;
    private final MessageSource messages;

    MailComposer(SpringTemplateEngine mailTemplateEngine, MessageSource mailMessages) {
        this.templates = mailTemplateEngine;
        this.messages = mailMessages;
    }

    public ComposedMail compose(Mail mail) {
        Locale language = mail.recipient().language();
        Context context = new Context(language);
        context.setVariables(mail.values());
        context.setVariable("recipient", mail.recipient());
        String name = mail.template().templateName();
        String subject = messages.getMessage(
                name + ".subject", new Object[] {mail.values().get("reference")}, language);
        return new ComposedMail(
                mail, subject, templates.process(name + ".html", context), templates.process(name + ".txt", context));
    }
}
