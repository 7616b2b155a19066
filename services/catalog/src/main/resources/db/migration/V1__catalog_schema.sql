-- Catalog schema: categories and products, with translated names kept as {"<lang>": "..."} documents so that
-- adding a language needs no schema change.

create table category (
    id         uuid primary key,
    slug       text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    names      jsonb not null check (names ? 'en'),
    position   integer not null default 0,
    created_at timestamptz not null default now()
);

create table product (
    -- seq is the stable pagination key: it only grows, so a cursor never skips or repeats a row while rows are added.
    seq           bigint generated always as identity unique,
    id            uuid primary key,
    sku           text not null unique,
    category_id   uuid not null references category (id),
    names         jsonb not null check (names ? 'en'),
    descriptions  jsonb not null default '{}'::jsonb,
    price_amount  numeric(12, 2) not null check (price_amount >= 0),
    currency      char(3) not null,
    image_url     text,
    in_stock      boolean not null default true,
    published_at  timestamptz,
    version       integer not null default 1,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);

create index product_category_seq_idx on product (category_id, seq);
create index product_price_idx on product (price_amount);

-- Language-neutral full-text index over every translation; the 'simple' configuration does no stemming, so a search
-- matches whole words in any language the product is written in.
alter table product add column search tsvector generated always as (
    to_tsvector('simple', coalesce(names ->> 'en', '') || ' ' || coalesce(names ->> 'it', '') || ' '
                          || coalesce(descriptions ->> 'en', '') || ' ' || coalesce(descriptions ->> 'it', '') || ' ' || sku)
) stored;
create index product_search_idx on product using gin (search);
