-- Stock per SKU. on_hand counts every unit in the warehouse, the reserved ones included; available = on_hand - reserved.
create table stock (
    sku        text        primary key check (length(sku) between 1 and 64),
    on_hand    int         not null check (on_hand >= 0),
    reserved   int         not null default 0 check (reserved >= 0),
    version    bigint      not null default 0,
    updated_at timestamptz not null default now(),
    constraint stock_reserved_within_on_hand check (reserved <= on_hand)
);

-- One reservation per order (the primary key makes Reserve/Commit/Release idempotent per order).
-- A Release that came before any Reserve is a RELEASED row without lines, so a late Reserve is refused.
create table reservation (
    order_id   uuid        primary key,
    state      text        not null check (state in ('RESERVED', 'COMMITTED', 'RELEASED', 'EXPIRED', 'REJECTED')),
    -- until when stock is held; null when nothing was ever held (REJECTED, or released before any Reserve)
    expires_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint reservation_reserved_has_expiry check (state <> 'RESERVED' or expires_at is not null)
);
create index reservation_due on reservation (expires_at) where state = 'RESERVED';

-- The requested lines. Only the lines of RESERVED reservations hold stock. For a REJECTED reservation,
-- short_available is what was available when a line fell short (null for the lines that could have been served).
create table reservation_line (
    order_id        uuid not null references reservation (order_id),
    sku             text not null,
    quantity        int  not null check (quantity between 1 and 10000),
    short_available int  check (short_available >= 0),
    primary key (order_id, sku)
);
create index reservation_line_sku on reservation_line (sku);

-- The ledger: every change of a stock row is one movement, written in the same transaction. Append-only.
-- For every SKU: stock.on_hand = sum(on_hand_delta) and stock.reserved = sum(reserved_delta).
create table stock_movement (
    id             bigint      generated always as identity primary key,
    sku            text        not null references stock (sku),
    kind           text        not null check (kind in ('ADJUST', 'RESERVE', 'RELEASE', 'EXPIRE', 'COMMIT')),
    on_hand_delta  int         not null,
    reserved_delta int         not null,
    order_id       uuid,
    -- who caused it: the calling service, the admin's user id, 'expiry' or 'seed'
    actor          text,
    at             timestamptz not null default now(),
    constraint stock_movement_shape check (
        (kind = 'ADJUST' and reserved_delta = 0 and order_id is null)
        or (kind = 'RESERVE' and on_hand_delta = 0 and reserved_delta > 0 and order_id is not null)
        or (kind in ('RELEASE', 'EXPIRE') and on_hand_delta = 0 and reserved_delta < 0 and order_id is not null)
        or (kind = 'COMMIT' and on_hand_delta < 0 and on_hand_delta = reserved_delta and order_id is not null))
);
create index stock_movement_sku on stock_movement (sku, id);
create index stock_movement_order on stock_movement (order_id) where order_id is not null;

create function stock_movement_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'stock_movement is append-only';
end
$$;
create trigger stock_movement_append_only
    before update or delete on stock_movement
    for each statement execute function stock_movement_is_append_only();
