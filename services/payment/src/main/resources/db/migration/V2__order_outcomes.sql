-- How each order ended, from ordering's order.confirmed / order.cancelled v1 events: reconciliation compares the
-- order's payment with it. One row per order; a cancellation replaces a confirmation, never the other way round.
create table order_outcome (
    order_id            uuid        primary key,
    outcome             text        not null check (outcome in ('CONFIRMED', 'CANCELLED')),
    total_minor         bigint      check (total_minor >= 0),
    currency            char(3),
    reason              text,
    decided_at          timestamptz not null,
    received_at         timestamptz not null default now(),
    -- reconciliation: due (and leased, like payment.next_reconcile_at) until the payment is found matching, then null
    next_check_at       timestamptz default now(),
    checked_at          timestamptz,
    -- the reported-only drift last recorded for this order, so a lasting one is not recorded again at every check
    last_drift          text
);
create index order_outcome_due on order_outcome (next_check_at) where next_check_at is not null;

-- A payment awaits its order's outcome until the outcome arrives or reconciliation reports it overdue. Payments from
-- before this migration never get one (nobody listened then): only rows inserted from now on start awaiting.
alter table payment add column awaiting_order_outcome boolean not null default false;
alter table payment alter column awaiting_order_outcome set default true;
create index payment_awaiting_order_outcome on payment (created_at) where awaiting_order_outcome;
