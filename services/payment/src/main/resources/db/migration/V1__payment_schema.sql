-- One payment per order, mirroring the provider's payment at provider_version.
create table payment (
    order_id            uuid        primary key,
    provider_payment_id text        not null unique,
    status              text        not null,
    amount              bigint      not null check (amount > 0),
    currency            char(3)     not null,
    captured_amount     bigint      not null default 0,
    refunded_amount     bigint      not null default 0,
    failure_code        text,
    provider_version    int         not null,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    -- reconciliation lease: instances claim due rows with FOR UPDATE SKIP LOCKED and push this forward
    next_reconcile_at   timestamptz not null default now()
);
create index payment_reconcile_due on payment (next_reconcile_at) where status not in ('DECLINED', 'VOIDED', 'REFUNDED');

-- Every call to the provider and its result: the audit trail with the provider's ids.
create table payment_operation (
    id                  bigserial   primary key,
    order_id            uuid        not null,
    operation           text        not null,
    idempotency_key     text        not null,
    refund_id           uuid,
    amount              bigint,
    outcome             text        not null,
    provider_payment_id text,
    provider_refund_id  text,
    provider_version    int,
    detail              text,
    created_at          timestamptz not null default now()
);
create index payment_operation_order on payment_operation (order_id, id);
-- a refund id of ours is carried out at most once
create unique index payment_operation_refund on payment_operation (order_id, refund_id)
    where operation = 'REFUND' and outcome = 'SUCCEEDED';

-- Webhook deliveries by event id: a redelivery finds its row and has no second effect.
create table webhook_event (
    event_id            text        primary key,
    event_type          text        not null,
    provider_payment_id text        not null,
    payment_version     int         not null,
    payload             jsonb       not null,
    outcome             text        not null,
    received_at         timestamptz not null default now(),
    resolved_at         timestamptz
);
create index webhook_event_unmatched on webhook_event (provider_payment_id) where outcome = 'UNMATCHED';

create table reconciliation_drift (
    id                  bigserial   primary key,
    order_id            uuid,
    provider_payment_id text,
    kind                text        not null,
    detail              text        not null,
    repaired            boolean     not null,
    detected_at         timestamptz not null default now()
);
create index reconciliation_drift_recent on reconciliation_drift (detected_at desc);
