package dev.mercato.documents;

import dev.mercato.web.problem.FieldError;
import dev.mercato.web.problem.ProblemException;
import dev.mercato.web.problem.Problems;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The half-open range [from, to) of a document request. Each end is an RFC 3339 instant
 * ({@code 2026-12-01T00:00:00Z}) or a day ({@code 2026-12-01}, UTC); a day as {@code to} includes that day.
 */
public record DateRange(Instant from, Instant to) {

    /** Both ends, or a 400 problem naming each field that is missing or unreadable, or an empty range. */
    public static DateRange parse(@Nullable String from, @Nullable String to) {
        List<FieldError> errors = new ArrayList<>();
        Instant start = end("from", from, false, errors);
        Instant end = end("to", to, true, errors);
        if (errors.isEmpty() && !start.isBefore(end)) {
            errors.add(new FieldError("to", "must be after from"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problems.invalid(errors));
        }
        return new DateRange(start, end);
    }

    private static @Nullable Instant end(String field, @Nullable String value, boolean upper, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (upper ? day.plusDays(1) : day)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an RFC 3339 date-time or a date (yyyy-mm-dd)"));
            return null;
        }
    }
}
