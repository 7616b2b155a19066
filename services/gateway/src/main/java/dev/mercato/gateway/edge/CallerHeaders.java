package dev.mercato.gateway.edge;

/**
 * The headers through which the edge tells a service who the verified caller is. Only the gateway sets them, from a
 * verified token; whatever a client sent under these names is removed first ({@link EdgeRequestHeaders}).
 */
public final class CallerHeaders {

    public static final String USER_ID = "X-User-Id";
    public static final String USER_ROLES = "X-User-Roles";

    private CallerHeaders() {}
}
