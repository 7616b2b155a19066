-- The home page (GET /v1/home): banners and featured products, per city; a null city means everywhere.
create table banner (
    id           uuid primary key,
    city         text check (city ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    title        jsonb not null check (title ? 'en'),
    image_url    text not null,
    link         text not null,
    position     integer not null default 0,
    active_from  timestamptz,
    active_until timestamptz
);

create index banner_city_idx on banner (city, position);

create table featured_product (
    city       text check (city ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    product_id uuid not null references product (id) on delete cascade,
    position   integer not null default 0
);

create unique index featured_product_city_product_idx on featured_product (coalesce(city, ''), product_id);
