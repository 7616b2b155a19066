package dev.mercato.realtime.history;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Redis stream entry id ({@code <millis>-<sequence>}), the id every event carries to clients. Ids of one stream
 * grow with every entry, and every channel's entries reuse the id of the global stream, so comparing ids orders
 * events across channels.
 */
public record StreamId(long millis, long sequence) implements Comparable<StreamId> {

    public static final StreamId ZERO = new StreamId(0, 0);

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,19})-(\\d{1,19})");

    public StreamId {
        if (millis < 0 || sequence < 0) {
            throw new IllegalArgumentException("A stream id has no negative parts");
        }
    }

    /** @throws IllegalArgumentException when {@code text} is not {@code <millis>-<sequence>} */
    public static StreamId parse(String text) {
        Matcher matcher = text == null ? null : FORMAT.matcher(text.trim());
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException("must be an event id like 1700000000000-0, was '" + text + "'");
        }
        try {
            return new StreamId(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)));
        } catch (NumberFormatException tooLarge) {
            throw new IllegalArgumentException("must be an event id like 1700000000000-0, was '" + text + "'");
        }
    }

    public boolean isAfter(StreamId other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(StreamId other) {
        int byMillis = Long.compare(millis, other.millis);
        return byMillis != 0 ? byMillis : Long.compare(sequence, other.sequence);
    }

    @Override
    public String toString() {
        return millis + "-" + sequence;
    }
}
