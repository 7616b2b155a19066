package dev.mercato.notifications.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;

/**
 * Whether retrying a failed send can help. Permanent: the server answered 5xx (RFC 5321: e.g. 550 mailbox
 * unavailable, 553 bad address), the address cannot be parsed, or the mail cannot be written. Everything else is
 * transient: no connection, a timeout, 4xx (greylisting, a full queue), an authentication failure an operator can fix.
 */
public final class SmtpFailures {

    private SmtpFailures() {}

    public static boolean isPermanent(MailException failure) {
        if (failure instanceof MailParseException || failure instanceof MailPreparationException) {
            return true;
        }
        for (Throwable cause : causes(failure)) {
            if (cause instanceof AddressException) {
                return true;
            }
            int code = replyCode(cause);
            if (code >= 500 && code < 600) {
                return true;
            }
        }
        return false;
    }

    private static int replyCode(Throwable cause) {
        return switch (cause) {
            case SMTPAddressFailedException e -> e.getReturnCode();
            case SMTPSenderFailedException e -> e.getReturnCode();
            case SMTPSendFailedException e -> e.getReturnCode();
            default -> -1;
        };
    }

    /** The failure, its causes, the per-message failures of a send, and JavaMail's chained "next" exceptions. */
    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> all = new ArrayList<>();
        List<Throwable> pending = new ArrayList<>(List.of(failure));
        while (!pending.isEmpty() && all.size() < 50) {
            Throwable next = pending.removeFirst();
            if (next == null || all.contains(next)) {
                continue;
            }
            all.add(next);
            pending.add(next.getCause());
            if (next instanceof MessagingException messaging) {
                pending.add(messaging.getNextException());
            }
            if (next instanceof MailSendException send) {
                pending.addAll(List.of(send.getMessageExceptions()));
            }
        }
        return all;
    }
}
