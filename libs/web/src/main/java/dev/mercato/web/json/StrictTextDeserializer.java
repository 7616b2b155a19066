package dev.mercato.web.json;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * Text from a request body is a JSON string holding Unicode text: no other JSON type, no NUL (PostgreSQL cannot store
 * it) and no unpaired surrogate (it has no UTF-8 form, so hashing or storing it fails later, far from the request).
 */
final class StrictTextDeserializer extends StdScalarDeserializer<String> {

    static final String NOT_TEXT = "must be text without NUL or unpaired surrogates";

    StrictTextDeserializer() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
        if (!parser.hasToken(JsonToken.VALUE_STRING)) {
            return (String) context.handleUnexpectedToken(String.class, parser);
        }
        String text = parser.getString();
        if (!storable(text)) {
            throw InvalidFormatException.from(parser, NOT_TEXT, text, String.class);
        }
        return text;
    }

    static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
