package dev.mercato.web.servlet;

import dev.mercato.web.problem.FieldError;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Finds which field of a JSON request body could not be bound, and why, so the problem document can name it
 * ({@code items[0].quantity: must be an integer}) instead of only saying the body is malformed.
 */
final class BodyErrors {

    private BodyErrors() {}

    static Optional<FieldError> of(@Nullable Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson) {
                return fieldOf(jackson).map(field -> new FieldError(field, reason(jackson)));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> fieldOf(JacksonException failure) {
        var path = new StringBuilder();
        for (JacksonException.Reference reference : failure.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        if (path.isEmpty()
                && failure instanceof StreamReadException
                && failure.processor() instanceof JsonParser parser) {
            // a duplicate key is found by the parser, before databind has a path for it
            String name = parser.streamReadContext() != null ? parser.currentName() : null;
            return Optional.ofNullable(name);
        }
        return path.isEmpty() ? Optional.empty() : Optional.of(path.toString());
    }

    private static String reason(JacksonException failure) {
        if (failure instanceof InvalidFormatException invalid && invalid.getTargetType() == String.class) {
            return "must be text without NUL or unpaired surrogates";
        }
        if (failure instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + describe(mismatch.getTargetType());
        }
        if (failure instanceof StreamReadException
                && failure.getMessage() != null
                && failure.getMessage().startsWith("Duplicate")) {
            return "appears more than once";
        }
        return "is not valid here";
    }

    private static String describe(Class<?> type) {
        if (type == int.class
                || type == Integer.class
                || type == long.class
                || type == Long.class
                || type == short.class
                || type == Short.class
                || type == BigInteger.class) {
            return "an integer";
        }
        if (type == double.class
                || type == Double.class
                || type == float.class
                || type == Float.class
                || type == BigDecimal.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of the documented values";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a valid " + type.getSimpleName();
    }
}
