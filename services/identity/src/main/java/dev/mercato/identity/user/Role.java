package dev.mercato.identity.user;

/** The platform's roles; every endpoint states which one it needs. */
public enum Role {
    CUSTOMER,
    SUPPORT,
    ADMIN;

    public String claim() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
