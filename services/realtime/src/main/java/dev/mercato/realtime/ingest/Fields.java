package dev.mercato.realtime.ingest;

import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Required fields of an event body; a missing or malformed one is an unreadable message. */
final class Fields {

    private Fields() {}

    static UUID uuid(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (!value.isString()) {
            throw new IllegalArgumentException(field + " must be a string UUID");
        }
        try {
            return UUID.fromString(value.asString());
        } catch (IllegalArgumentException notAUuid) {
            throw new IllegalArgumentException(field + " must be a UUID, was '" + value.asString() + "'");
        }
    }

    static String text(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (!value.isString()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return value.asString();
    }

    static long integer(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (!value.isIntegralNumber()) {
            throw new IllegalArgumentException(field + " must be an integer");
        }
        return value.asLong();
    }
}
