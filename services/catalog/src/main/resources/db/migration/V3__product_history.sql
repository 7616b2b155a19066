-- The change history of every product, as the catalog's own product events tell it (consumed from mercato.events
-- by the catalog.product-history queue). One row per event: the consumer's inbox makes a redelivery a no-op, and the
-- message id as key makes it one here too.
create table product_change (
    message_id     uuid primary key,
    product_id     uuid        not null,
    change         text        not null check (change in ('created', 'updated', 'deleted')),
    version        integer     not null,
    occurred_at    timestamptz not null,
    request_id     text,
    snapshot       jsonb       not null
);

create index product_change_by_product on product_change (product_id, version desc, occurred_at desc);
