package dev.mercato.realtime.ingest;

import dev.mercato.messaging.envelope.Envelope;
import dev.mercato.realtime.history.Appendable;
import dev.mercato.realtime.history.Publication;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Catalog's product events as {@code product.price} {@code {productId, price, at}} and {@code product.stock}
 * {@code {productId, inStock, at}} on the product's channel. Catalog sends the product's whole state, not what
 * changed, so each event is appended only when its value differs from the last one seen (kept in Redis with the
 * product's version, see {@code append.lua}). A product that is not published says nothing; a deleted one is out of
 * stock. Inventory's stock levels are not on the exchange yet: {@code inStock} is catalog's flag.
 */
final class ProductEvents {

    private static final Set<String> SNAPSHOTS = Set.of("product.created", "product.updated", "product.published");
    private static final String DELETED = "product.deleted";

    private final JsonMapper json;

    ProductEvents(JsonMapper json) {
        this.json = json;
    }

    static boolean handles(String type) {
        return SNAPSHOTS.contains(type) || DELETED.equals(type);
    }

    /** @throws IllegalArgumentException when the body lacks the product, its version or its values */
    Appendable translate(Envelope envelope) {
        JsonNode body = envelope.payload();
        UUID productId = Fields.uuid(body, "productId");
        // a deletion carries the version of the product's last change: order it just after that change
        long version = Fields.integer(body, "version") * 2 + (DELETED.equals(envelope.type()) ? 1 : 0);
        String at = envelope.occurredAt().toString();
        String channel = Channels.product(productId);
        List<Publication> publications = new ArrayList<>();
        if (DELETED.equals(envelope.type())) {
            publications.add(stock(channel, productId, false, at));
        } else if (!body.path("published").isBoolean() || body.path("published").asBoolean()) {
            JsonNode price = body.path("price");
            if (!price.path("amount").isString() || !price.path("currency").isString()) {
                throw new IllegalArgumentException("price must be {amount, currency}");
            }
            ObjectNode data = json.createObjectNode();
            data.put("productId", productId.toString());
            data.set("price", price);
            data.put("at", at);
            publications.add(Publication.whenChanged(
                    channel,
                    "product.price",
                    json.writeValueAsString(data),
                    "price",
                    price.path("amount").asString() + " "
                            + price.path("currency").asString()));
            if (!body.path("inStock").isBoolean()) {
                throw new IllegalArgumentException("inStock must be a boolean");
            }
            publications.add(stock(channel, productId, body.path("inStock").asBoolean(), at));
        }
        return new Appendable(envelope.messageId(), "product:" + productId, version, publications);
    }

    private Publication stock(String channel, UUID productId, boolean inStock, String at) {
        ObjectNode data = json.createObjectNode();
        data.put("productId", productId.toString());
        data.put("inStock", inStock);
        data.put("at", at);
        return Publication.whenChanged(
                channel, "product.stock", json.writeValueAsString(data), "inStock", Boolean.toString(inStock));
    }
}
