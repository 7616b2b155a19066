create table payment (
    id                 text primary key,
    merchant_reference text        not null,
    token              text        not null,
    amount             bigint      not null check (amount > 0),
    currency           char(3)     not null,
    status             text        not null,
    captured_amount    bigint      not null default 0,
    refunded_amount    bigint      not null default 0,
    failure_code       text,
    version            integer     not null,
    created_at         timestamptz not null,
    updated_at         timestamptz not null,
    check (refunded_amount <= captured_amount and captured_amount <= amount)
);

create index payment_merchant_reference on payment (merchant_reference, created_at);

create table refund (
    id         text primary key,
    payment_id text        not null references payment (id),
    amount     bigint      not null check (amount > 0),
    created_at timestamptz not null
);

create index refund_payment on refund (payment_id, created_at);

-- A key row is inserted, used and completed in one transaction: other transactions only ever see completed ones,
-- and a concurrent request with the same key waits on the unique index until the first commits.
create table idempotency_key (
    key             text primary key,
    fingerprint     text        not null,
    response_status integer,
    response_body   text,
    created_at      timestamptz not null default now()
);

create index idempotency_key_created on idempotency_key (created_at);

create table flaky_attempt (
    key        text primary key,
    failures   integer     not null,
    created_at timestamptz not null default now()
);

create table webhook_event (
    id              text primary key,
    type            text        not null,
    payment_id      text        not null references payment (id),
    payment_version integer     not null,
    payload         text        not null,
    created_at      timestamptz not null
);

create index webhook_event_created on webhook_event (created_at desc);
create index webhook_event_payment on webhook_event (payment_id);

create table webhook_delivery (
    id               bigserial primary key,
    event_id         text        not null references webhook_event (id),
    url              text        not null,
    status           text        not null,
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz not null,
    last_status_code integer,
    last_error       text,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);

create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'pending';
create index webhook_delivery_event on webhook_delivery (event_id);

create table webhook_attempt (
    id           bigserial primary key,
    delivery_id  bigint      not null references webhook_delivery (id),
    attempt      integer     not null,
    attempted_at timestamptz not null,
    status_code  integer,
    error        text,
    duration_ms  bigint      not null
);

create index webhook_attempt_delivery on webhook_attempt (delivery_id);
