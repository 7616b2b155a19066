package dev.mercato.notifications.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.UUID;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Hands a composed mail to the SMTP server: multipart/alternative (text, then HTML), {@code Content-Language} the
 * recipient's language, and {@code X-Mercato-Event-Id} the event it tells about, so that a copy found in a mailbox can
 * be traced to its notification row.
 */
@Component
public class SmtpMailer {

    public static final String EVENT_ID_HEADER = "X-Mercato-Event-Id";

    private final JavaMailSender smtp;
    private final MailSettings settings;

    SmtpMailer(JavaMailSender smtp, MailSettings settings) {
        this.smtp = smtp;
        this.settings = settings;
    }

    /** Returns once the server accepted the mail; throws {@link MailException} otherwise (see {@link SmtpFailures}). */
    public void send(ComposedMail mail, UUID eventId) {
        MimeMessage message = smtp.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(settings.from());
            helper.setTo(mail.recipient());
            helper.setSubject(mail.subject());
            helper.setText(mail.text(), mail.html());
            message.setHeader("Content-Language", mail.locale());
            message.setHeader(EVENT_ID_HEADER, eventId.toString());
        } catch (MessagingException e) {
            throw new MailPreparationException("Cannot write the mail to " + mail.recipient(), e);
        }
        smtp.send(message);
    }
}
