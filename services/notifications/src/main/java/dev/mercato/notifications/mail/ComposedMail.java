package dev.mercato.notifications.mail;

/** A mail rendered in its recipient's language, ready to hand to SMTP. */
public record ComposedMail(Mail mail, String subject, String html, String text) {

    public String recipient() {
        return mail.recipient().email();
    }

    public String locale() {
        return mail.recipient().locale();
    }
}
