package dev.mercato.notifications.mail;

/**
 * The mails this service writes. Each has {@code mail/<name>.html} and {@code mail/<name>.txt} (Thymeleaf) and its
 * texts, subject included, in {@code mail/messages_<locale>.properties}.
 */
public enum MailTemplate {
    ORDER_CONFIRMED("order-confirmed"),
    ORDER_CANCELLED("order-cancelled"),
    PAYMENT_REFUNDED("payment-refunded"),
    CART_ABANDONED("cart-abandoned");

    private final String templateName;

    MailTemplate(String templateName) {
        this.templateName = templateName;
    }

    public String templateName() {
        return templateName;
    }
}
