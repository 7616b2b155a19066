package dev.mercato.identity.token;

import java.time.Instant;

/** What presenting a stored refresh token leads to. The order of the checks is the security policy. */
enum RefreshVerdict {
    /** Valid and unused: exchange it for a successor in the same family. */
    ROTATE,
    /** Already exchanged once: someone holds a copy, so the whole family is revoked. */
    REUSED,
    /** Its family was revoked (logout, password change, earlier reuse). */
    REVOKED,
    EXPIRED;

    static RefreshVerdict of(boolean revoked, boolean used, Instant expiresAt, Instant now) {
        if (revoked) {
            return REVOKED;
        }
        if (used) {
            return REUSED;
        }
        if (!now.isBefore(expiresAt)) {
            return EXPIRED;
        }
        return ROTATE;
    }
}
