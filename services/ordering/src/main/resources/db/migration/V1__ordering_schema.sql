-- Orders as the customer sees them. seq orders the listing (newest first) and is the pagination cursor.
create table orders (
    id                  uuid        primary key,
    seq                 bigint      generated always as identity unique,
    user_id             uuid        not null,
    status              text        not null check (status in ('PENDING', 'CONFIRMED', 'CANCELLED')),
    cancellation_reason text,
    cart_version        bigint      not null,
    currency            char(3)     not null,
    total_minor         bigint      not null check (total_minor >= 0),
    ship_name           text        not null,
    ship_line1          text        not null,
    ship_line2          text,
    ship_city           text        not null,
    ship_postal_code    text        not null,
    ship_country        char(2)     not null,
    provider_payment_id text,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now()
);
create index orders_by_user on orders (user_id, seq desc);

-- Price snapshot of each line taken from the cart at checkout.
create table order_line (
    order_id         uuid    not null references orders (id),
    line_no          int     not null,
    product_id       text    not null,
    sku              text    not null,
    name             text    not null,
    quantity         int     not null check (quantity > 0),
    unit_price_minor bigint  not null check (unit_price_minor >= 0),
    primary key (order_id, line_no)
);

-- The checkout saga of each order. Instances claim a saga with a lease (lease_owner/lease_until) before running a
-- step; every recorded transition is conditional on version. payment_token is erased once authorization is settled.
create table saga (
    order_id        uuid        primary key references orders (id),
    step            text        not null,
    status          text        not null check (status in ('RUNNING', 'COMPENSATING', 'DONE')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null default now(),
    deadline_at     timestamptz not null,
    reason          text,
    stock_committed boolean     not null default false,
    payment_token   text,
    lease_owner     text,
    lease_until     timestamptz,
    last_error      text,
    version         bigint      not null default 0,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    completed_at    timestamptz
);
create index saga_due on saga (next_attempt_at) where status <> 'DONE';

-- Idempotency-Key of POST /v1/checkout: one row per (user, key) holding the first response, replayed verbatim.
create table idempotency_key (
    user_id         uuid        not null,
    key             text        not null,
    request_hash    text        not null,
    response_status int         not null,
    response_body   text        not null,
    content_type    text        not null,
    order_id        uuid,
    created_at      timestamptz not null default now(),
    primary key (user_id, key)
);
create index idempotency_key_age on idempotency_key (created_at);
