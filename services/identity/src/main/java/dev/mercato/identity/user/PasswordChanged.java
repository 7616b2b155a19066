package dev.mercato.identity.user;

import java.util.UUID;

/** Published inside the transaction that changed the password, so sessions end atomically with it. */
public record PasswordChanged(UUID userId) {}
