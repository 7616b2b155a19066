package dev.mercato.notifications;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.mercato.testsupport.process.ServiceProcess;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real SMTP server in the test JVM (GreenMail) on a free port. Like a real mail server, it refuses at {@code RCPT TO}
 * with {@code 550 5.1.1} the addresses a test marks as unknown mailboxes; it can be stopped and started again on the
 * same port, for an SMTP outage.
 */
public final class SmtpServer {

    private final int port = ServiceProcess.freePort();
    private final Set<String> unknownMailboxes = ConcurrentHashMap.newKeySet();
    private final GreenMail greenMail;

    public SmtpServer() {
        greenMail =
                new RefusingGreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP), unknownMailboxes);
        greenMail.start();
    }

    public int port() {
        return port;
    }

    public void refuse(String address) {
        unknownMailboxes.add(address);
    }

    public void stop() {
        greenMail.stop();
    }

    public void start() {
        greenMail.start();
    }

    public List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(greenMail.getReceivedMessages())
                .filter(message -> {
                    try {
                        return Arrays.stream(message.getAllRecipients())
                                .anyMatch(to -> to.toString().equalsIgnoreCase(address));
                    } catch (MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private static final class RefusingGreenMail extends GreenMail {

        private final Set<String> unknown;

        RefusingGreenMail(ServerSetup setup, Set<String> unknown) {
            super(setup);
            this.unknown = unknown;
        }

        @Override
        protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
            SmtpManager refusing = new SmtpManager(managers.getImapHostManager(), managers.getUserManager()) {
                @Override
                public String checkRecipient(SmtpState state, MailAddress rcpt) {
                    return unknown != null && unknown.contains(rcpt.getEmail())
                            ? "550 5.1.1 <" + rcpt.getEmail() + ">: mailbox unavailable"
                            : null;
                }
            };
            return super.createServices(config, new Managers() {
                @Override
                public SmtpManager getSmtpManager() {
                    return refusing;
                }

                @Override
                public UserManager getUserManager() {
                    return managers.getUserManager();
                }

                @Override
                public ImapHostManager getImapHostManager() {
                    return managers.getImapHostManager();
                }
            });
        }
    }
}
