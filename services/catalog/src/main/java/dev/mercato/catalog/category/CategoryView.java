package dev.mercato.catalog.category;

import java.util.UUID;

/** A category in one language, with how many published products it holds. */
public record CategoryView(UUID id, String slug, String name, long productCount) {}
