package dev.mercato.inventory.domain;

/** A stock keeping unit code: 1 to 64 characters, no whitespace or control characters. */
public record Sku(String value) implements Comparable<Sku> {

    public static final int MAX_LENGTH = 64;

    public Sku {
        if (!valid(value)) {
            throw new IllegalArgumentException(
                    "sku must be 1 to " + MAX_LENGTH + " characters without whitespace or control characters");
        }
    }

    public static boolean valid(String value) {
        return value != null
                && !value.isEmpty()
                && value.length() <= MAX_LENGTH
                && value.codePoints().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c));
    }

    @Override
    public int compareTo(Sku other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
