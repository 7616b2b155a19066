package dev.mercato.notifications.localmail;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A mail as the local SMTP server captured it (api.md, {@code GET /v1/admin/mail}).
 *
 * @param text the plain-text part
 */
record CapturedMail(
        String to,
        @Nullable String subject,
        @Nullable String contentLanguage,
        @Nullable Instant receivedAt,
        @Nullable String text) {}
