package dev.mercato.inventory.domain;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The lines of one order: 1 to 100, each SKU at most once, kept sorted by SKU (the order stock rows are locked in). */
public record Lines(List<Line> all) {

    public static final int MAX_LINES = 100;

    public Lines {
        if (all.isEmpty() || all.size() > MAX_LINES) {
            throw new IllegalArgumentException("an order has 1 to " + MAX_LINES + " lines");
        }
        Set<Sku> seen = new HashSet<>();
        for (Line line : all) {
            if (!seen.add(line.sku())) {
                throw new IllegalArgumentException("sku " + line.sku() + " appears twice");
            }
        }
        all = all.stream().sorted((a, b) -> a.sku().compareTo(b.sku())).toList();
    }

    public static Lines of(Line... lines) {
        return new Lines(List.of(lines));
    }

    public static Lines of(Collection<Line> lines) {
        return new Lines(List.copyOf(lines));
    }

    public List<Sku> skus() {
        return all.stream().map(Line::sku).toList();
    }

    /** Same SKUs with the same quantities, in whatever order they were given. */
    public boolean sameAs(Lines other) {
        return asMap().equals(other.asMap());
    }

    private Map<Sku, Integer> asMap() {
        return all.stream().collect(Collectors.toMap(Line::sku, Line::quantity));
    }
}
