package dev.mercato.web.problem;

/** One rejected input: the request field, query parameter or header, and why it was rejected. */
public record FieldError(String field, String message) {}
