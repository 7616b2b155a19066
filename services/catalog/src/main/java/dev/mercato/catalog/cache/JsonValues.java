package dev.mercato.catalog.cache;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Cached values as JSON; one that cannot be read back counts as absent and is loaded again. */
final class JsonValues {

    private static final Logger log = LoggerFactory.getLogger(JsonValues.class);

    private final JsonMapper json;

    JsonValues(JsonMapper json) {
        this.json = json;
    }

    String write(Object value) {
        return json.writeValueAsString(value);
    }

    <T> @Nullable T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JacksonException unreadable) {
            log.warn("Unreadable cached {}: {}", type.getSimpleName(), unreadable.getOriginalMessage());
            return null;
        }
    }
}
