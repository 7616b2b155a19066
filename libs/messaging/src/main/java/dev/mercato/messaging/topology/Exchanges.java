package dev.mercato.messaging.topology;

/** The platform's exchanges. */
public final class Exchanges {

    /** Topic: domain events, routing key {@code <aggregate>.<event>} ({@code order.confirmed}). */
    public static final String EVENTS = "mercato.events";
    /** Direct: work queues and commands, routing key = the command's queue. */
    public static final String COMMANDS = "mercato.commands";
    /** Headers: document jobs, matched on the {@code type} and {@code format} headers. */
    public static final String DOCUMENTS = "mercato.documents";
    /** Fanout: catalog cache invalidations, one copy to every instance. */
    public static final String CATALOG_INVALIDATIONS = "mercato.catalog.invalidations";
    /** Direct: where consumers park messages, routing key = the work queue; default of the dead-letter exchange. */
    public static final String DEAD_LETTERS = "mercato.dlx";

    private Exchanges() {}
}
