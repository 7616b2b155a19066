package dev.mercato.web.tracing;

import io.micrometer.tracing.TraceContext;

/** Formats a span as a W3C {@code traceparent} header value. */
public final class Traceparent {

    public static final String HEADER = "traceparent";

    private Traceparent() {}

    public static String of(TraceContext context) {
        String flags = Boolean.TRUE.equals(context.sampled()) ? "01" : "00";
        return "00-" + context.traceId() + "-" + context.spanId() + "-" + flags;
    }
}
