package dev.mercato.pspsim.idempotency;

/** The response an operation gave, kept under its idempotency key and answered again on replay. */
public record StoredResponse(int status, String body) {}
