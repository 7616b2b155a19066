-- Admin writes: categories get the version their ETag carries (products have had one since V1), checked by every
-- update and delete in the statement itself (where id = ? and version = ?).
alter table category
    add column version    integer not null default 1,
    add column updated_at timestamptz not null default now();

-- The API only creates products with a positive price; V1 allowed zero.
alter table product add constraint product_price_positive check (price_amount > 0);

comment on column product.published_at is
    'publishAt in the API: the product is visible to public reads once this time has passed; null means never';
