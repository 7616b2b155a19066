package dev.mercato.web.problem;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * The error classes every Mercato API answers with. Each has a stable {@code type} URI that clients may switch on;
 * {@code docs/problems.md} describes them.
 */
public enum ProblemType {
    VALIDATION("validation", HttpStatus.BAD_REQUEST, "Invalid request"),
    MALFORMED_BODY("malformed-body", HttpStatus.BAD_REQUEST, "Malformed request body"),
    UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Authentication required"),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Not allowed"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Resource not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
    CONFLICT("conflict", HttpStatus.CONFLICT, "Conflict"),
    PRECONDITION_FAILED("precondition-failed", HttpStatus.PRECONDITION_FAILED, "Precondition failed"),
    PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency key reused"),
    IDEMPOTENCY_REQUEST_IN_PROGRESS(
            "idempotency-request-in-progress", HttpStatus.CONFLICT, "Request with this idempotency key in progress"),
    CART_EMPTY("cart-empty", HttpStatus.UNPROCESSABLE_CONTENT, "Cart is empty"),
    PRODUCT_UNAVAILABLE("product-unavailable", HttpStatus.UNPROCESSABLE_CONTENT, "Product not available"),
    NOT_CANCELLABLE("not-cancellable", HttpStatus.CONFLICT, "Order cannot be cancelled"),
    PRECONDITION_REQUIRED("precondition-required", HttpStatus.PRECONDITION_REQUIRED, "Precondition required"),
    TOO_MANY_REQUESTS("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
    INTERNAL("internal", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),
    BAD_GATEWAY("bad-gateway", HttpStatus.BAD_GATEWAY, "Bad gateway"),
    UNAVAILABLE("unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable"),
    /** Refused at admission: the service runs as much of this work as it may; nothing was stored. */
    BUSY("busy", HttpStatus.SERVICE_UNAVAILABLE, "Busy"),
    TIMEOUT("timeout", HttpStatus.GATEWAY_TIMEOUT, "Upstream timeout");

    private static final String BASE = "https://mercato.dev/problems/";

    private final URI uri;
    private final HttpStatus status;
    private final String title;

    ProblemType(String slug, HttpStatus status, String title) {
        this.uri = URI.create(BASE + slug);
        this.status = status;
        this.title = title;
    }

    public URI uri() {
        return uri;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The best-fitting type for a bare status code, for errors raised below our own handlers. */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status.value() == status && type != MALFORMED_BODY) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL : VALIDATION;
    }
}
