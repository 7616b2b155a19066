-- Scheduled publishing through RabbitMQ (docs/adr/008-scheduled-publishing.md): public reads show a product once the
-- broker's "publish due" message has set published, not when the database clock passes published_at, so the broker
-- really drives the schedule. Writes without a future publishAt set it at once.
alter table product add column published boolean not null default false;

-- Products written before this migration had no message scheduled: the due ones are visible as before; one still
-- waiting is scheduled again by its next admin write (see the ADR).
update product set published = true where published_at <= now();

comment on column product.published is
    'visible to public reads; set by the write (no future publishAt) or by the publishing consumer when it is due';
comment on column product.published_at is
    'publishAt in the API: when the product became or becomes visible; published says whether it is';

-- The history records the new product.published event too.
alter table product_change drop constraint product_change_change_check;
alter table product_change add constraint product_change_change_check
    check (change in ('created', 'updated', 'published', 'deleted'));
